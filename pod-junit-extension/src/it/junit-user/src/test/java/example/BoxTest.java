package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pod4j.engine.PodHandle;
import io.pod4j.junit.PodTest;
import io.pod4j.junit.TestPod;
import org.junit.jupiter.api.Test;

@PodTest
class BoxTest {

    @TestPod(resource = "box.yaml", await = "Running")
    static PodHandle box;

    @Test
    void runsOnTheProjectsOwnJUnit() {
        String jupiter = System.getProperty("expected.junit");
        String platform = jupiter.startsWith("5.") ? "1" + jupiter.substring(1) : jupiter;
        assertEquals(jupiter, Test.class.getPackage().getImplementationVersion(), "junit-jupiter-api");
        assertEquals(platform, org.junit.platform.commons.JUnitException.class.getPackage().getImplementationVersion(),
                "junit-platform-commons");
    }

    @Test
    void startsThePod() {
        assertEquals("hello\n", box.exec("box", "echo", "hello").stdout());
    }
}
