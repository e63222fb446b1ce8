package io.pod4j.apiserver.table;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/** The rows of the apps/v1 and batch/v1 kinds, with the columns a 1.32 cluster prints. */
final class WorkloadPrinters {

    private WorkloadPrinters() {
    }

    /** Marks where the Age cell goes in {@link #cells}. */
    private static final Object AGE = new Object();

    private record Simple(List<Column> columns, BiFunction<HasMetadata, Instant, List<Object>> cells) implements Printer {
        @Override
        public Row row(HasMetadata object, Instant now) {
            return new Row(cells.apply(object, now), List.of());
        }
    }

    private static final Column CONTAINERS = Column.wide("Containers", "Names of each container in the template.");
    private static final Column IMAGES = Column.wide("Images", "Images referenced by each container in the template.");
    private static final Column SELECTOR = Column.wide("Selector", "A label query over pods that should match the replica"
            + " count. Must match in order to be controlled. It must match the pod template's labels.");

    static final Printer DEPLOYMENTS = new Simple(
            List.of(Column.objectName(), Column.string("Ready", "Number of the pod with ready state"),
                    new Column("Up-to-date", "string", "", 0, "Total number of non-terminated pods targeted by this"
                            + " deployment that have the desired template spec."),
                    new Column("Available", "string", "", 0, "Total number of available pods (ready for at least"
                            + " minReadySeconds) targeted by this deployment."),
                    Column.created(), CONTAINERS, IMAGES, SELECTOR),
            (o, now) -> {
                Deployment d = (Deployment) o;
                var s = d.getStatus();
                int want = d.getSpec().getReplicas() == null ? 0 : d.getSpec().getReplicas();
                return cells(o, now, n(s == null ? null : s.getReadyReplicas()) + "/" + want,
                        (long) n(s == null ? null : s.getUpdatedReplicas()), (long) n(s == null ? null : s.getAvailableReplicas()),
                        AGE, d.getSpec().getTemplate(), d.getSpec().getSelector());
            });

    static final Printer REPLICA_SETS = new Simple(
            List.of(Column.objectName(), new Column("Desired", "integer", "", 0, "Number of desired pods."),
                    new Column("Current", "integer", "", 0, "Number of actual pods."),
                    new Column("Ready", "integer", "", 0, "Number of pods ready."),
                    Column.created(), CONTAINERS, IMAGES, SELECTOR),
            (o, now) -> {
                ReplicaSet rs = (ReplicaSet) o;
                var s = rs.getStatus();
                return cells(o, now, (long) n(rs.getSpec().getReplicas()), (long) n(s == null ? null : s.getReplicas()),
                        (long) n(s == null ? null : s.getReadyReplicas()), AGE, rs.getSpec().getTemplate(), rs.getSpec().getSelector());
            });

    static final Printer STATEFUL_SETS = new Simple(
            List.of(Column.objectName(), Column.string("Ready", "Number of the pod with ready state"), Column.created(),
                    CONTAINERS, IMAGES),
            (o, now) -> {
                StatefulSet sts = (StatefulSet) o;
                var s = sts.getStatus();
                List<Object> c = cells(o, now, n(s == null ? null : s.getReadyReplicas()) + "/" + n(sts.getSpec().getReplicas()),
                        AGE, sts.getSpec().getTemplate(), null);
                return c.subList(0, c.size() - 1);
            });

    static final Printer DAEMON_SETS = new Simple(
            List.of(Column.objectName(),
                    new Column("Desired", "integer", "", 0, "The total number of nodes that should be running the daemon pod."),
                    new Column("Current", "integer", "", 0, "The number of nodes that are running at least 1 daemon pod."),
                    new Column("Ready", "integer", "", 0, "The number of nodes that should be running the daemon pod and"
                            + " have one or more of the daemon pod running and ready."),
                    new Column("Up-to-date", "integer", "", 0, "The total number of nodes that are running updated daemon pod"),
                    new Column("Available", "integer", "", 0, "The number of nodes that should be running the daemon pod and"
                            + " have one or more of the daemon pod running and available."),
                    Column.string("Node Selector", "NodeSelector is a selector which must be true for the pod to fit on a node."),
                    Column.created(), CONTAINERS, IMAGES, SELECTOR),
            (o, now) -> {
                DaemonSet ds = (DaemonSet) o;
                var s = ds.getStatus();
                Map<String, String> nodeSelector = ds.getSpec().getTemplate().getSpec() == null ? null
                        : ds.getSpec().getTemplate().getSpec().getNodeSelector();
                return cells(o, now, (long) n(s == null ? null : s.getDesiredNumberScheduled()),
                        (long) n(s == null ? null : s.getCurrentNumberScheduled()), (long) n(s == null ? null : s.getNumberReady()),
                        (long) n(s == null ? null : s.getUpdatedNumberScheduled()), (long) n(s == null ? null : s.getNumberAvailable()),
                        labels(nodeSelector), AGE, ds.getSpec().getTemplate(), ds.getSpec().getSelector());
            });

    static final Printer JOBS = new Simple(
            List.of(Column.objectName(), Column.string("Status", "Status of the job."),
                    Column.string("Completions", "The completion status of the job as <successful>/<desired>."),
                    Column.string("Duration", "Time required to complete the job."), Column.created(), CONTAINERS, IMAGES,
                    Column.wide("Selector", "A label query over pods that should match the pod count.")),
            (o, now) -> {
                Job job = (Job) o;
                var spec = job.getSpec();
                var s = job.getStatus();
                int succeeded = n(s == null ? null : s.getSucceeded());
                String completions;
                if (spec.getCompletions() != null) {
                    completions = succeeded + "/" + spec.getCompletions();
                } else if (spec.getParallelism() == null) {
                    completions = succeeded + "/1 of 1";
                } else if (spec.getParallelism() > 1) {
                    completions = succeeded + "/1 of " + spec.getParallelism();
                } else {
                    completions = succeeded + "/1";
                }
                String duration = "";
                if (s != null && s.getStartTime() != null) {
                    Instant start = Instant.parse(s.getStartTime());
                    Instant end = s.getCompletionTime() == null ? now : Instant.parse(s.getCompletionTime());
                    duration = HumanDuration.format(Duration.between(start, end));
                }
                return cells(o, now, jobStatus(job), completions, duration, AGE, spec.getTemplate(), spec.getSelector());
            });

    static final Printer CRON_JOBS = new Simple(
            List.of(Column.objectName(), Column.string("Schedule", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
                    Column.string("Timezone", "The time zone name for the given schedule, see"
                            + " https://en.wikipedia.org/wiki/List_of_tz_database_time_zones."),
                    new Column("Suspend", "boolean", "", 0, "This flag tells the controller to suspend subsequent executions,"
                            + " it does not apply to already started executions."),
                    new Column("Active", "integer", "", 0, "A list of pointers to currently running jobs."),
                    Column.string("Last Schedule", "Information when was the last time the job was successfully scheduled."),
                    Column.created(), CONTAINERS, IMAGES,
                    Column.wide("Selector", "A label query over pods that should match the pod count.")),
            (o, now) -> {
                CronJob cj = (CronJob) o;
                var spec = cj.getSpec();
                var s = cj.getStatus();
                String last = s == null || s.getLastScheduleTime() == null ? "<none>" : Printer.since(s.getLastScheduleTime(), now);
                var jobSpec = spec.getJobTemplate() == null ? null : spec.getJobTemplate().getSpec();
                return cells(o, now, spec.getSchedule(), spec.getTimeZone() == null ? "<none>" : spec.getTimeZone(),
                        Boolean.TRUE.equals(spec.getSuspend()) ? "True" : "False",
                        (long) (s == null || s.getActive() == null ? 0 : s.getActive().size()), last, AGE,
                        jobSpec == null ? null : jobSpec.getTemplate(), jobSpec == null ? null : jobSpec.getSelector());
            });

    /** @return the printer of a workload kind, or null */
    static Printer of(Class<?> type) {
        if (type == Deployment.class) {
            return DEPLOYMENTS;
        }
        if (type == ReplicaSet.class) {
            return REPLICA_SETS;
        }
        if (type == StatefulSet.class) {
            return STATEFUL_SETS;
        }
        if (type == DaemonSet.class) {
            return DAEMON_SETS;
        }
        if (type == Job.class) {
            return JOBS;
        }
        return type == CronJob.class ? CRON_JOBS : null;
    }

    /** 1.32's job status: Complete, Failed, Terminating, SuccessCriteriaMet, FailureTarget, Suspended or Running. */
    private static String jobStatus(Job job) {
        List<JobCondition> conditions = job.getStatus() == null || job.getStatus().getConditions() == null ? List.of()
                : job.getStatus().getConditions();
        if (has(conditions, "Complete")) {
            return "Complete";
        }
        if (has(conditions, "Failed")) {
            return "Failed";
        }
        if (job.getMetadata().getDeletionTimestamp() != null) {
            return "Terminating";
        }
        if (has(conditions, "SuccessCriteriaMet")) {
            return "SuccessCriteriaMet";
        }
        if (has(conditions, "FailureTarget")) {
            return "FailureTarget";
        }
        return has(conditions, "Suspended") ? "Suspended" : "Running";
    }

    private static boolean has(List<JobCondition> conditions, String type) {
        return conditions.stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The name, the given cells (AGE becomes the age), then containers, images and the selector. */
    private static List<Object> cells(HasMetadata o, Instant now, Object... rest) {
        List<Object> out = new ArrayList<>();
        out.add(o.getMetadata().getName());
        int i = 0;
        for (; i < rest.length - 2; i++) {
            out.add(rest[i] == AGE ? Printer.since(o.getMetadata().getCreationTimestamp(), now) : rest[i]);
        }
        PodTemplateSpec template = (PodTemplateSpec) rest[i];
        List<Container> containers = template == null || template.getSpec() == null ? List.of() : template.getSpec().getContainers();
        out.add(containers.stream().map(Container::getName).collect(Collectors.joining(",")));
        out.add(containers.stream().map(Container::getImage).collect(Collectors.joining(",")));
        LabelSelector selector = (LabelSelector) rest[i + 1];
        out.add(selector == null ? "<none>" : Printer.orNone(io.pod4j.api.selector.LabelSelector.of(selector).toString()));
        return out;
    }

    private static String labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "<none>";
        }
        return new java.util.TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }
}
