package dev.claymcp.support;

import java.util.ArrayList;
import java.util.List;

/** A readable line diff ("- expected", "+ actual", "  same") of two short texts, for snapshot failures. */
public final class LineDiff {

    private LineDiff() {
    }

    public static String of(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                lines.add("  " + a[i++]);
                j++;
            } else if (j < b.length && (i == a.length || common[i][j + 1] >= common[i + 1][j])) {
                lines.add("+ " + b[j++]);
            } else {
                lines.add("- " + a[i++]);
            }
        }
        // keep changed lines with two lines of context around them
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < lines.size(); k++) {
            boolean near = false;
            for (int d = -2; d <= 2; d++) {
                int n = k + d;
                near |= n >= 0 && n < lines.size() && !lines.get(n).startsWith("  ");
            }
            if (near) {
                out.append(lines.get(k)).append('\n');
            } else if (out.length() > 0 && !out.toString().endsWith("...\n")) {
                out.append("...\n");
            }
        }
        return out.toString();
    }
}
