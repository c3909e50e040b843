package dev.claymcp.config;

import java.util.Locale;

/** Whether a host name or address is this machine's loopback, as written in a setting, a Host header or an Origin. */
public final class Loopback {

    private Loopback() {
    }

    /** {@code localhost}, any address of 127.0.0.0/8, or {@code ::1} (with or without brackets). */
    public static boolean isLoopbackName(String name) {
        if (name == null) {
            return false;
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("localhost") || n.equals("::1") || n.equals("[::1]")) {
            return true;
        }
        String[] octets = n.split("\\.", -1);
        if (octets.length != 4 || !octets[0].equals("127")) {
            return false;
        }
        for (String octet : octets) {
            if (!octet.matches("[0-9]{1,3}") || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }
}
