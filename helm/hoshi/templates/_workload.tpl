{{/*
A runnable's Deployment. Call with (dict "root" $ "component" <name> "v" <its values> "managementPort" <port or 0>
"mongodb" <bool> "keys" <(dict "secret" <name> "items" <list of keys>) or nil>).
Probes go to Actuator's health groups: on the management port when there is one, else on the runnable's own port.
*/}}
{{- define "hoshi.deployment" -}}
{{- $root := .root -}}
{{- $fullname := include "hoshi.fullname" $root -}}
{{- $probePort := ternary "management" "http" (gt (int .managementPort) 0) -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $fullname }}-{{ .component }}
  labels:
    {{- include "hoshi.labels" . | nindent 4 }}
spec:
  {{- if not .v.autoscaling.enabled }}
  replicas: {{ .v.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
  selector:
    matchLabels:
      {{- include "hoshi.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "hoshi.labels" . | nindent 8 }}
      annotations:
        checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
        checksum/secrets: {{ include (print $root.Template.BasePath "/secrets.yaml") $root | sha256sum }}
        {{- with $root.Values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      automountServiceAccountToken: false
      enableServiceLinks: false
      terminationGracePeriodSeconds: 45
      {{- with $root.Values.image.pullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      {{- if $root.Values.topologySpread.enabled }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: {{ $root.Values.topologySpread.topologyKey }}
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "hoshi.selectorLabels" . | nindent 14 }}
      {{- end }}
      {{- with $root.Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $root.Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .component }}
          image: {{ include "hoshi.image" (dict "root" $root "repository" .v.image.repository) | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ .v.port }}
              protocol: TCP
            {{- if gt (int .managementPort) 0 }}
            - name: management
              containerPort: {{ .managementPort }}
              protocol: TCP
            {{- end }}
          envFrom:
            - configMapRef:
                name: {{ $fullname }}-{{ .component }}
          {{- if .mongodb }}
          env:
            - name: MONGODB_URI
              valueFrom:
                secretKeyRef:
                  name: {{ include "hoshi.secretName" (dict "root" $root "inline" $root.Values.mongodb.uri "existing" $root.Values.mongodb.existingSecret "own" "mongodb") }}
                  key: {{ $root.Values.mongodb.key }}
          {{- end }}
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: {{ $probePort }}
            {{- toYaml $root.Values.probes.startup | nindent 12 }}
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: {{ $probePort }}
            {{- toYaml $root.Values.probes.liveness | nindent 12 }}
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: {{ $probePort }}
            {{- toYaml $root.Values.probes.readiness | nindent 12 }}
          lifecycle:
            # a few seconds for the Service and the ingress to stop sending here before the graceful shutdown
            preStop:
              exec:
                command: ["sleep", "5"]
          resources:
            {{- toYaml .v.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if .keys }}
            - name: keys
              mountPath: /etc/hoshi/keys
              readOnly: true
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $root.Values.tmpVolume.sizeLimit }}
        {{- if .keys }}
        - name: keys
          secret:
            secretName: {{ .keys.secret }}
            defaultMode: 0440
            items:
              {{- range .keys.items }}
              - key: {{ . }}
                path: {{ . }}
              {{- end }}
        {{- end }}
{{- end -}}
