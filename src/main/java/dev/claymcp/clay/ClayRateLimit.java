package dev.claymcp.clay;

/** Paces requests to Clay so that the account's rate limit is respected by every session together. */
public interface ClayRateLimit {

    /** Blocks until this caller may send one request. */
    void acquire() throws InterruptedException;
}
