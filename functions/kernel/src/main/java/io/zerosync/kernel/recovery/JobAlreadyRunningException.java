package io.zerosync.kernel.recovery;

/** A view has an unfinished job; a second one would race it. */
public class JobAlreadyRunningException extends RuntimeException {
    private final String view;
    private final String jobId;

    public JobAlreadyRunningException(String view, String jobId) {
        super("view " + view + " already has job " + jobId + " running; wait for it or cancel it");
        this.view = view;
        this.jobId = jobId;
    }

    public String view() {
        return view;
    }

    public String jobId() {
        return jobId;
    }
}
