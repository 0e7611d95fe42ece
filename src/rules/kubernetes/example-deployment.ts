/**
 * A Deployment that follows every Kubernetes rule, the starting point of each rule's good
 * example: readiness and liveness on different endpoints, a preStop sleep, a grace period that
 * covers preStop + drain + deadline + margin, requests and a memory limit, and a non-root user.
 */
export const GOOD_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      terminationGracePeriodSeconds: 40
      securityContext:
        runAsNonRoot: true
        runAsUser: 1001
      containers:
        - name: api
          image: registry.example.com/api:1.4.2
          ports:
            - containerPort: 8080
          env:
            - name: SHUTDOWN_DRAIN_MS
              value: "5000"
            - name: SHUTDOWN_TIMEOUT_MS
              value: "25000"
          readinessProbe:
            httpGet:
              path: /health/ready
              port: 8080
            periodSeconds: 5
          livenessProbe:
            httpGet:
              path: /health
              port: 8080
            periodSeconds: 10
          lifecycle:
            preStop:
              sleep:
                seconds: 5
          resources:
            requests:
              cpu: 100m
              memory: 256Mi
            limits:
              memory: 512Mi
`;
