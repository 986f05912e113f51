{{/* The release's name prefix: <release>-hoshi, or the release name alone when it already says hoshi. */}}
{{- define "hoshi.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The three services, in the order they depend on each other. */}}
{{- define "hoshi.serviceNames" -}}
directory compliance insights
{{- end -}}

{{/* Labels every object carries; .component names the runnable. Call with (dict "root" $ "component" "gateway"). */}}
{{- define "hoshi.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: hoshi
{{ include "hoshi.selectorLabels" . }}
{{- end -}}

{{- define "hoshi.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* The image of a runnable: [registry/]repository:tag. Call with (dict "root" $ "repository" "hoshi-gateway"). */}}
{{- define "hoshi.image" -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag -}}
{{- if .root.Values.image.registry -}}
{{- printf "%s/%s:%s" (trimSuffix "/" .root.Values.image.registry) .repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .repository $tag -}}
{{- end -}}
{{- end -}}

{{/* Name of the Secret holding a value: the chart's own when the value itself is given, else the existing one.
     Call with (dict "root" $ "inline" <value> "existing" <name> "own" <suffix>). */}}
{{- define "hoshi.secretName" -}}
{{- if .inline -}}
{{- printf "%s-%s" (include "hoshi.fullname" .root) .own -}}
{{- else -}}
{{- required (printf "set either the %s Secret's name or its value (docs/operations.md, \"Secrets\")" .own) .existing -}}
{{- end -}}
{{- end -}}

{{/* The gateway's URL inside the cluster. */}}
{{- define "hoshi.gatewayUrl" -}}
{{- printf "http://%s-gateway:%v" (include "hoshi.fullname" .) .Values.gateway.port -}}
{{- end -}}
