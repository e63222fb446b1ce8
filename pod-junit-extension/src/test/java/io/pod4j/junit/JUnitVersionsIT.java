package io.pod4j.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.engine.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A user's project (src/it/junit-user: pod-junit-extension declared before junit-jupiter, no BOM,
 * one test class with a pod) builds and runs its tests with Maven on each JUnit version pod4j
 * supports, and its tests see that version's JUnit only: pod4j brings no JUnit of its own.
 *
 * <p>The project resolves pod4j from a private local repository under target/ holding this
 * reactor's built jars and poms, everything else from the build's own local repository (as a
 * read-only file:// repository) or Maven Central: the shared local repository is never written.
 */
class JUnitVersionsIT {

    private static final Path WORK = Path.of("target", "junit-versions").toAbsolutePath();
    private static final Path REPO = WORK.resolve("repo");
    private static String pod4jVersion;

    @BeforeAll
    static void privateRepository() throws Exception {
        TestImages.ensure();
        Files.createDirectories(WORK);
        pod4jVersion = seedWithTheReactor(Path.of("..").toAbsolutePath().normalize());
        Files.writeString(WORK.resolve("settings.xml"), settings(Path.of(property("pod4j.it.outerRepository"))));
    }

    @ParameterizedTest(name = "JUnit {0}")
    @ValueSource(strings = {"5.10.3", "5.11.4", "5.14.4", "6.1.3"})
    void aProjectDeclaringTheExtensionBeforeJUnitRunsItsTestsOnItsOwnJUnit(String junit) throws Exception {
        Path project = WORK.resolve("junit-" + junit);
        copyTree(Path.of("src/it/junit-user"), project);
        Path log = WORK.resolve("junit-" + junit + ".log");
        List<String> cmd = new ArrayList<>(List.of(mvn(), "-B", "-ntp", "-s", WORK.resolve("settings.xml").toString(),
                "-Dmaven.repo.local=" + REPO, "-Djunit.version=" + junit, "-Dpod4j.version=" + pod4jVersion, "test"));
        if (property("pod4j.it.offline").equals("offline=true")) { // as this build: mvn -o
            cmd.addAll(1, List.of("-o", "-Daether.offline.protocols=file"));
        }
        Process mvn = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!mvn.waitFor(10, TimeUnit.MINUTES)) {
            mvn.destroyForcibly();
        }
        String output = Files.readString(log);
        List<String> lines = output.lines().toList();
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        assertThat(mvn.exitValue()).as("mvn test with JUnit %s (whole log: %s), last lines:%n%s", junit, log, tail).isZero();
        assertThat(output).contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0");
    }

    /**
     * Puts the reactor's poms and jars (built by this build's package phase) in the private
     * repository, as {@code mvn install} would put them in a shared one; returns their version.
     * Run in a reactor build (scripts/test, or {@code mvn -pl pod-junit-extension -am verify}).
     */
    private static String seedWithTheReactor(Path root) throws Exception {
        deleteTree(REPO.resolve("io/pod4j"));
        Element parent = pom(root.resolve("pom.xml"));
        String groupId = text(parent, "groupId");
        String version = text(parent, "version");
        install(groupId, text(parent, "artifactId"), version, root.resolve("pom.xml"), null);
        Node modules = parent.getElementsByTagName("modules").item(0);
        for (Node m = modules.getFirstChild(); m != null; m = m.getNextSibling()) {
            if (m instanceof Element module) {
                Path dir = root.resolve(module.getTextContent().strip());
                Element pom = pom(dir.resolve("pom.xml"));
                String artifactId = text(pom, "artifactId");
                String packaging = text(pom, "packaging");
                Path jar = dir.resolve("target").resolve(artifactId + "-" + version + ".jar");
                boolean isJar = packaging == null || packaging.equals("jar");
                // A module this build did not package (mvn -pl ... -am) is not one the extension needs.
                if (!isJar || Files.exists(jar)) {
                    install(groupId, artifactId, version, dir.resolve("pom.xml"), isJar ? jar : null);
                }
            }
        }
        return version;
    }

    private static void install(String groupId, String artifactId, String version, Path pom, Path jar) throws IOException {
        Path dir = REPO.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifactId + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifactId + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The build's local repository as a read-only remote one, releases only, before Maven Central. */
    private static String settings(Path outer) {
        String repo = """
                <id>outer</id><url>%s</url>
                <releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots>
                """.formatted(outer.toUri());
        return """
                <settings>
                  <profiles><profile><id>outer</id>
                    <repositories><repository>%s</repository></repositories>
                    <pluginRepositories><pluginRepository>%s</pluginRepository></pluginRepositories>
                  </profile></profiles>
                  <activeProfiles><activeProfile>outer</activeProfile></activeProfiles>
                </settings>
                """.formatted(repo, repo);
    }

    private static String mvn() {
        return Path.of(property("maven.home"), "bin", "mvn").toString();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run this test with Maven "
                    + "(Failsafe sets it in pod-junit-extension/pom.xml)");
        }
        return value;
    }

    private static Element pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    /** A direct child's text (the project's own artifactId, not its parent's), or null. */
    private static String text(Element project, String child) {
        for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(child)) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        deleteTree(to);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
