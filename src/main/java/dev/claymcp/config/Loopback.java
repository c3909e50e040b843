package dev.claymcp.config;

import java.util.Locale;

/** Whether a host name or address is this machine's loopback, as written in a setting, a Host header or an Origin. */
public final class Loopback {

    private Loopback() {
    }

    public static boolean isLoopbackName(String name) {
        if (name == null) {
            return false;
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.equals("localhost") || n.equals("::1") || n.equals("[::1]") || n.matches("127(\\.\\d{1,3}){3}");
    }
}
