package dev.claymcp.support;

/** A cookie value that must never show up anywhere but in the Cookie header Clay receives. */
public final class Canary {

    public static final String COOKIE = "canary-7f3a9c-SECRET-cookie-value";

    private Canary() {
    }
}
