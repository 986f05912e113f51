package dev.hoshi.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The chart helm/hoshi rendered in-process by Helm (helm-java), parsed into manifests. */
final class Chart {

    static final Path DIRECTORY = Repository.file("helm/hoshi");
    static final Path PRODUCTION_VALUES = Repository.file("helm/examples/production-values.yaml");
    static final String RELEASE = "hoshi";
    /** The cluster version rendered for (helm-java's own default, 1.20, is older than the chart supports). */
    static final String KUBE_VERSION = "1.31.0";

    static final List<String> SERVICES = List.of("directory", "compliance", "insights");
    static final List<String> RUNNABLES = List.of("gateway", "directory", "compliance", "insights");

    private Chart() {}

    static Helm helm() {
        return new Helm(DIRECTORY);
    }

    static Manifests render() {
        return render(t -> t);
    }

    static Manifests renderProduction() {
        return render(t -> t.withValuesFile(PRODUCTION_VALUES));
    }

    /** Renders with the default values changed by {@code options} (values files, --set); Helm's error if it fails. */
    static Manifests render(UnaryOperator<TemplateCommand> options) {
        String text = options.apply(helm().template()
                        .withName(RELEASE)
                        .withNamespace("hoshi")
                        .withKubeVersion(KUBE_VERSION))
                .call();
        return new Manifests(Repository.yamlDocuments(text));
    }

    /** The rendered objects with look-ups by kind and name. */
    record Manifests(List<Map<String, Object>> objects) {

        List<Map<String, Object>> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
        }

        Map<String, Object> get(String kind, String name) {
            return ofKind(kind).stream()
                    .filter(o -> name.equals(Repository.at(o, "metadata.name")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered"));
        }

        /** The (only) container of a runnable's Deployment. */
        Map<String, Object> container(String runnable) {
            List<Map<String, Object>> containers =
                    Repository.at(get("Deployment", RELEASE + "-" + runnable), "spec.template.spec.containers");
            if (containers.size() != 1) {
                throw new AssertionError(runnable + " has " + containers.size() + " containers");
            }
            return containers.get(0);
        }

        Map<String, Object> podSpec(String runnable) {
            return Repository.at(get("Deployment", RELEASE + "-" + runnable), "spec.template.spec");
        }

        /** A runnable's environment: its ConfigMap's data and its container's plain env values. */
        Map<String, String> environment(String runnable) {
            Map<String, String> env = new java.util.TreeMap<>();
            Map<String, Object> data = Repository.at(get("ConfigMap", RELEASE + "-" + runnable), "data");
            data.forEach((k, v) -> env.put(k, String.valueOf(v)));
            List<Map<String, Object>> plain = Repository.at(container(runnable), "env");
            if (plain != null) {
                plain.forEach(e -> env.put((String) e.get("name"), String.valueOf(e.get("value"))));
            }
            return env;
        }
    }
}
