package dev.hoshi.deploy;

import static dev.hoshi.deploy.Repository.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.deploy.Chart.Manifests;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image recipe agrees with the jars it packs and with the chart that runs the images. Building an image needs a
 * container engine and a registry for the base image, neither of which this machine has (docs/operations.md).
 */
@SuppressWarnings("unchecked")
class ImageRecipeTest {

    private final Manifests chart = Chart.render();

    @Test
    void thereIsOneImagePerRunnableNamedAsTheChartNamesIt() {
        assertThat(ImageRecipe.all())
                .extracting(ImageRecipe::image)
                .containsExactlyElementsOf(
                        Chart.RUNNABLES.stream().map(r -> "hoshi-" + r).toList());
        for (String runnable : Chart.RUNNABLES) {
            assertThat(chart.container(runnable).get("image"))
                    .isEqualTo(ImageRecipe.of(runnable).image() + ":" + Repository.PROJECT_VERSION);
        }
    }

    @Test
    void theImagesExposeThePortsTheChartUses() {
        for (String runnable : Chart.RUNNABLES) {
            List<Integer> chartPorts = ((List<Map<String, Object>>)
                            chart.container(runnable).get("ports"))
                    .stream().map(p -> (Integer) p.get("containerPort")).toList();
            assertThat(ImageRecipe.of(runnable).ports()).as(runnable).containsExactlyElementsOf(chartPorts);
        }
    }

    @Test
    void eachRowPacksItsModulesJar() {
        Pattern finalName = Pattern.compile("<finalName>([^<]+)</finalName>");
        for (ImageRecipe recipe : ImageRecipe.all()) {
            Path jar = Path.of(recipe.jar());
            String module = jar.getParent().getParent().toString();
            Matcher m = finalName.matcher(Repository.read(module + "/pom.xml"));
            assertThat(m.find()).as("%s/pom.xml names its jar", module).isTrue();
            assertThat(jar.getFileName().toString()).isEqualTo(m.group(1) + ".jar");
            assertThat(Repository.read("infra/deploy/images/Dockerfile.dockerignore"))
                    .as("the build context lets %s in", jar)
                    .contains("!" + recipe.jar());
        }
    }

    @Test
    void theDockerfileCopiesEveryLayerOfEveryJarInTheJarsOrder(@TempDir Path work) {
        for (ImageRecipe recipe : ImageRecipe.all()) {
            List<String> layers = recipe.tools(work, "list-layers")
                    .lines()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty())
                    .toList();
            assertThat(ImageRecipe.dockerfileLayers()).as(recipe.jar()).containsExactlyElementsOf(layers);
        }
    }

    @Test
    void theImageRunsAsTheNonRootUserTheChartRunsAs() {
        String user = ImageRecipe.dockerfileInstruction("USER");
        assertThat(user).matches("[1-9][0-9]*:[1-9][0-9]*");
        for (String runnable : Chart.RUNNABLES) {
            Map<String, Object> pod = chart.podSpec(runnable);
            assertThat(at(pod, "securityContext.runAsUser") + ":" + at(pod, "securityContext.runAsGroup"))
                    .isEqualTo(user);
        }
        assertThat(ImageRecipe.dockerfileInstruction("ENTRYPOINT"))
                .isEqualTo("[\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
        assertThat(ImageRecipe.dockerfileInstruction("ENV"))
                .as("the image's JVM options are the chart's")
                .isEqualTo("JAVA_TOOL_OPTIONS=\"" + chart.environment("gateway").get("JAVA_TOOL_OPTIONS") + "\"");
    }
}
