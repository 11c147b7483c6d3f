// Validates rendered Kubernetes manifests against the Kubernetes API schema (the OpenAPI schemas compiled into the
// npm package kubernetes-models) the way the API server checks types, required fields, enums and formats.
//
//   node validate-k8s.mjs <node_modules dir> <manifest.yaml>
//
// Prints one JSON line per document: {"kind","name","apiVersion","status":"valid"|"invalid"|"skipped","errors":[...]}.
// dapr.io resources are "skipped" (not part of the Kubernetes API; DaprRules checks them). Any other kind the package
// does not know is "invalid": a typo in apiVersion or kind must not pass silently. Exit code 0 = every document was
// read; the caller judges the statuses.
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [modulesArg, manifest] = process.argv.slice(2);
if (!modulesArg || !manifest) {
  console.error("usage: node validate-k8s.mjs <node_modules dir> <manifest.yaml>");
  process.exit(2);
}

const modules = resolve(modulesArg);

const YAML = createRequire(join(modules, "package.json"))("yaml");
const docs = YAML.parseAllDocuments(readFileSync(manifest, "utf8"));

for (const doc of docs) {
  if (doc.errors.length > 0) {
    console.log(JSON.stringify({ kind: "?", name: "?", status: "invalid", errors: doc.errors.map(e => e.message) }));
    continue;
  }

  const obj = doc.toJS();
  if (obj === null || obj === undefined) {
    continue;
  }

  const apiVersion = String(obj.apiVersion ?? "");
  const kind = String(obj.kind ?? "");
  const name = String(obj.metadata?.name ?? "");
  const line = { kind, name, apiVersion };
  if (apiVersion.startsWith("dapr.io/")) {
    console.log(JSON.stringify({ ...line, status: "skipped", errors: [] }));
    continue;
  }

  // "apps/v1" -> kubernetes-models/apps/v1, "v1" (core) -> kubernetes-models/v1.
  const file = join(modules, "kubernetes-models", ...apiVersion.split("/"), `${kind}.js`);
  if (!/^[A-Za-z0-9.\-/]+$/.test(apiVersion) || !/^[A-Za-z0-9]+$/.test(kind) || !existsSync(file)) {
    console.log(JSON.stringify({ ...line, status: "invalid", errors: [`unknown apiVersion/kind ${apiVersion} ${kind}`] }));
    continue;
  }

  const Model = (await import(pathToFileURL(file).href))[kind];
  try {
    new Model(obj).validate();
    console.log(JSON.stringify({ ...line, status: "valid", errors: [] }));
  } catch (e) {
    const errors = Array.isArray(e.errors) && e.errors.length > 0
      ? e.errors.map(x => `${x.instancePath || "/"} ${x.message}${x.params ? " " + JSON.stringify(x.params) : ""}`)
      : [String(e.message ?? e)];
    console.log(JSON.stringify({ ...line, status: "invalid", errors }));
  }
}
