package io.pod4j.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.pod4j.controllers.PodStates;
import java.util.List;
import java.util.TreeSet;

/**
 * A Job's pod counts, written into its status the same way on every path of {@link JobPlanner}.
 *
 * @param succeeded succeeded pods (Indexed: succeeded indexes)
 * @param failed failed pods an Ignore rule did not leave out
 * @param doneIndexes Indexed: the succeeded indexes
 * @param indexed whether the Job is Indexed
 * @param failedIndexes with backoffLimitPerIndex, the failed indexes; else null
 */
record JobCounts(int succeeded, int failed, TreeSet<Integer> doneIndexes, boolean indexed, TreeSet<Integer> failedIndexes) {

    void write(JobStatus s, List<Pod> active, int terminating) {
        s.setActive(active.isEmpty() ? null : active.size());
        s.setReady((int) active.stream().filter(PodStates::isReady).count());
        s.setSucceeded(succeeded == 0 ? null : succeeded);
        s.setFailed(failed == 0 ? null : failed);
        s.setTerminating(terminating);
        if (indexed) {
            s.setCompletedIndexes(doneIndexes.isEmpty() ? null : JobIndexes.ranges(doneIndexes));
        }
        if (failedIndexes != null) {
            s.setFailedIndexes(JobIndexes.ranges(failedIndexes)); // "" while none failed, as a cluster writes it
        }
    }
}
