package dev.hoshi.local.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The build's modules as their POMs declare them, read from the repository (no Maven model, no class path): a
 * module under {@code services/<name>/} belongs to service {@code <name>}; its {@code -api} module is the part
 * other services may use. Both architecture tests of the services' boundaries start here.
 */
final class ServiceModules {

    static final String GROUP_ID = "dev.hoshi";

    /**
     * The non-{@code -api} modules a service publishes for named other services, and why. Each one is a deliberate
     * exception to "another service only through its -api", so it is listed here with its package and its users.
     */
    static final List<Published> PUBLISHED = List.of(new Published(
            "directory-sme",
            "dev.hoshi.directory.sme",
            Set.of("insights"),
            "directory's SME class definitions (中小企業基本法) as data; insights groups organisations by them"));

    record Published(String artifactId, String packageName, Set<String> users, String why) {}

    record Dependency(String groupId, String artifactId, String scope) {}

    /** A module of the build; {@code service} is empty for modules outside {@code services/}. */
    record Module(
            String artifactId, String packaging, Path dir, Optional<String> service, List<Dependency> dependencies) {

        boolean isApi() {
            return artifactId.endsWith("-api");
        }

        boolean hasCode() {
            return !"pom".equals(packaging);
        }

        Path classes() {
            return dir.resolve("target").resolve("classes");
        }

        Path testClasses() {
            return dir.resolve("target").resolve("test-classes");
        }

        @Override
        public String toString() {
            return artifactId;
        }
    }

    /** How a module of one service reaches a module of another: directly, or through modules of no service. */
    record Reach(Module from, List<Module> through, Module to) {

        @Override
        public String toString() {
            List<String> path = new ArrayList<>();
            path.add(from.artifactId());
            through.forEach(m -> path.add(m.artifactId()));
            path.add(to.artifactId());
            return String.join(" → ", path);
        }
    }

    private final Path root;
    private final Map<String, Module> modules;

    private ServiceModules(Path root, Map<String, Module> modules) {
        this.root = root;
        this.modules = modules;
    }

    /** Reads the build from the repository this test runs in (the working directory or one above it). */
    static ServiceModules read() {
        Path root = findRoot(Path.of("").toAbsolutePath());
        Map<String, Module> modules = new LinkedHashMap<>();
        readModule(root, root, modules);
        return new ServiceModules(root, modules);
    }

    Path root() {
        return root;
    }

    List<Module> modules() {
        return List.copyOf(modules.values());
    }

    /** Each service with its modules, by service name. */
    SortedMap<String, List<Module>> services() {
        SortedMap<String, List<Module>> services = new TreeMap<>();
        for (Module module : modules.values()) {
            module.service().ifPresent(s -> services.computeIfAbsent(s, k -> new ArrayList<>())
                    .add(module));
        }
        return services;
    }

    Optional<Module> module(String artifactId) {
        return Optional.ofNullable(modules.get(artifactId));
    }

    /**
     * The modules of other services that {@code from} depends on, in any scope: directly, or through modules that
     * belong to no service (a shared library depending on a service would carry that dependency along).
     */
    List<Reach> otherServicesReachedFrom(Module from) {
        List<Reach> reached = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<List<Module>> paths = new ArrayDeque<>();
        paths.add(List.of(from));
        while (!paths.isEmpty()) {
            List<Module> path = paths.removeFirst();
            Module last = path.get(path.size() - 1);
            for (Dependency dependency : last.dependencies()) {
                Optional<Module> target = inBuild(dependency);
                if (target.isEmpty() || !seen.add(target.get().artifactId())) {
                    continue;
                }
                Module to = target.get();
                List<Module> through = path.subList(1, path.size());
                if (to.service().isEmpty()) {
                    List<Module> longer = new ArrayList<>(path);
                    longer.add(to);
                    paths.addLast(longer);
                } else if (!to.service().equals(from.service())) {
                    reached.add(new Reach(from, List.copyOf(through), to));
                }
            }
        }
        return reached;
    }

    /** Which services each service depends on, counting its {@code -api} and every other module as the service. */
    SortedMap<String, Set<String>> serviceGraph() {
        SortedMap<String, Set<String>> graph = new TreeMap<>();
        services().forEach((service, serviceModules) -> {
            Set<String> targets = graph.computeIfAbsent(service, k -> new TreeSet<>());
            for (Module module : serviceModules) {
                otherServicesReachedFrom(module)
                        .forEach(reach -> targets.add(reach.to().service().orElseThrow()));
            }
        });
        return graph;
    }

    /** The published exception that lets {@code user} use {@code module}, if there is one. */
    static Optional<Published> publishedTo(Module module, String user) {
        return PUBLISHED.stream()
                .filter(p ->
                        p.artifactId().equals(module.artifactId()) && p.users().contains(user))
                .findFirst();
    }

    private Optional<Module> inBuild(Dependency dependency) {
        boolean ours = GROUP_ID.equals(dependency.groupId()) || "${project.groupId}".equals(dependency.groupId());
        return ours ? module(dependency.artifactId()) : Optional.empty();
    }

    private static Path findRoot(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("services/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no Hoshi repository (pom.xml beside services/pom.xml) at or above " + start);
    }

    private static void readModule(Path root, Path dir, Map<String, Module> into) {
        Element pom = parse(dir.resolve("pom.xml"));
        String artifactId = text(pom, "artifactId")
                .orElseThrow(() -> new IllegalStateException(dir.resolve("pom.xml") + " has no artifactId"));
        List<Dependency> dependencies = new ArrayList<>();
        dependencies(child(pom, "dependencies"), dependencies);
        child(pom, "profiles").ifPresent(profiles -> children(profiles, "profile")
                .forEach(profile -> dependencies(child(profile, "dependencies"), dependencies)));
        Path relative = root.relativize(dir);
        Optional<String> service =
                relative.getNameCount() >= 2 && relative.getName(0).toString().equals("services")
                        ? Optional.of(relative.getName(1).toString())
                        : Optional.empty();
        Module module =
                new Module(artifactId, text(pom, "packaging").orElse("jar"), dir, service, List.copyOf(dependencies));
        if (into.putIfAbsent(artifactId, module) != null) {
            throw new IllegalStateException("two modules named " + artifactId);
        }
        child(pom, "modules").ifPresent(list -> children(list, "module")
                .forEach(m ->
                        readModule(root, dir.resolve(m.getTextContent().trim()).normalize(), into)));
    }

    private static void dependencies(Optional<Element> list, List<Dependency> into) {
        list.ifPresent(deps -> children(deps, "dependency")
                .forEach(d -> into.add(new Dependency(
                        text(d, "groupId").orElse(""),
                        text(d, "artifactId").orElse(""),
                        text(d, "scope").orElse("compile")))));
    }

    private static Element parse(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IllegalStateException("cannot read " + pom, e);
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static Optional<Element> child(Element parent, String name) {
        return children(parent, name).stream().findFirst();
    }

    private static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().trim());
    }
}
