package dev.papers.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time from /proc (Linux): per process (utime + stime) and machine-wide busy time, in seconds. */
final class CpuTime {
    /** USER_HZ: 100 on every Linux this runs on. */
    private static final double TICKS = 100.0;

    private CpuTime() {}

    static double ofPid(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the parenthesised command name: state is field 3, utime 14, stime 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static double self() {
        return ofPid(ProcessHandle.current().pid());
    }

    /** Busy CPU seconds of the whole machine (all cores; everything but idle and iowait). */
    static double machineBusy() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i == 4 || i == 5) continue; // idle, iowait
                busy += Long.parseLong(f[i]);
            }
            return busy / TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
