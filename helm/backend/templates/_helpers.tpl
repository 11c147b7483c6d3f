{{/* Chart name, overridable with nameOverride. */}}
{{- define "backend.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Fully qualified name. Defaults to the Dapr app id (todo-backend), which is also what people look for in kubectl.
*/}}
{{- define "backend.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- .Values.dapr.appId | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "backend.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels: stable across upgrades, never add version labels here. */}}
{{- define "backend.selectorLabels" -}}
app.kubernetes.io/name: {{ include "backend.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "backend.labels" -}}
helm.sh/chart: {{ include "backend.chart" . }}
{{ include "backend.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: api
app.kubernetes.io/part-of: todo
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "backend.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "backend.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "backend.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/*
DAPR_API_TOKEN / APP_API_TOKEN for the app container, from the same Secrets (key `token`) as the
dapr.io/api-token-secret / dapr.io/app-token-secret annotations. The sidecar injector puts these variables on the daprd
container only (pkg/injector/patcher/sidecar_container.go), so without this the app's calls to daprd fail
Unauthenticated and the app cannot check the token daprd sends it.
*/}}
{{- define "backend.daprTokenEnv" -}}
{{- with .Values.dapr.apiTokenSecret }}
- name: DAPR_API_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ . | quote }}
      key: token
{{- end }}
{{- with .Values.dapr.appTokenSecret }}
- name: APP_API_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ . | quote }}
      key: token
{{- end }}
{{- end -}}

{{/* daprd keeps serving the app for the preStop sleep plus the app's own drain. */}}
{{- define "backend.blockShutdownDuration" -}}
{{- printf "%ds" (add .Values.shutdown.preStopSleepSeconds .Values.shutdown.appTimeoutSeconds) -}}
{{- end -}}

{{/* Long enough for daprd's block plus its own graceful shutdown, with 5 s to spare, before the kubelet kills. */}}
{{- define "backend.terminationGracePeriodSeconds" -}}
{{- add .Values.shutdown.preStopSleepSeconds .Values.shutdown.appTimeoutSeconds .Values.shutdown.sidecarGracefulSeconds 5 -}}
{{- end -}}

{{/*
The token and shutdown annotations come only from their values, so an annotation can never be rendered without its
app-side env twin or with a drain time the pod's grace period does not cover.
*/}}
{{- define "backend.checkDaprAnnotations" -}}
{{- range $source, $annotations := dict "dapr.extraAnnotations" .Values.dapr.extraAnnotations "podAnnotations" .Values.podAnnotations -}}
{{- range $key := list "dapr.io/api-token-secret" "dapr.io/app-token-secret" "dapr.io/block-shutdown-duration" "dapr.io/graceful-shutdown-seconds" -}}
{{- if hasKey $annotations $key -}}
{{- fail (printf "%s must not set %s: it is rendered from dapr.apiTokenSecret / dapr.appTokenSecret / shutdown" $source $key) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
