package io.pod4j.cli.print;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void padsColumnsToTheWidestCellPlusThreeAndLeavesTheLastUnpadded() {
        String text = new Table()
                .row(List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE"))
                .row(List.of("hello", "2/2", "Running", "0", "5s"))
                .render();
        assertThat(text).isEqualTo("""
                NAME    READY   STATUS    RESTARTS   AGE
                hello   2/2     Running   0          5s
                """);
    }
}
