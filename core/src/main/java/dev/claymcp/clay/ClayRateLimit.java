package dev.claymcp.clay;

/** Paces requests to Clay so that the account's rate limit is respected by every session together. */
public interface ClayRateLimit {

    /**
     * Waits until this call may send one request. The wait belongs to the call: a permit that would come after the
     * call's time budget is refused at once, and the wait ends as soon as the call is told to stop (the client
     * cancelled, its session ended, the server is stopping). Either way the permit is given back and a
     * {@link ClayException} says that nothing was sent.
     *
     * @throws ClayException with {@link ClayException.Delivery#NOT_SENT} when no permit can be had for this call
     */
    void acquire(ClayCall call) throws InterruptedException;
}
