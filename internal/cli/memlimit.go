package cli

import (
	"path"
	"strconv"
	"strings"
)

// noMemoryLimit is the value above which a cgroup v1 limit means none
// (the kernel reports "unlimited" as about 2^63 rounded to a page).
const noMemoryLimit = 1 << 50

// cgroupMemoryFiles returns where the memory limit of the process's
// cgroup can be read, from /proc/self/cgroup's text: cgroup v2's
// memory.max and cgroup v1's memory.limit_in_bytes of the process's own
// cgroup, then of the root of the mounted hierarchy (a container with its
// own cgroup namespace sees its cgroup there).
func cgroupMemoryFiles(procSelfCgroup string) []string {
	var own []string
	for _, line := range strings.Split(procSelfCgroup, "\n") {
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		p := path.Clean("/" + parts[2])
		switch {
		case parts[0] == "0" && parts[1] == "":
			own = append(own, path.Join("/sys/fs/cgroup", p, "memory.max"))
		case strings.Contains(","+parts[1]+",", ",memory,"):
			own = append(own, path.Join("/sys/fs/cgroup/memory", p, "memory.limit_in_bytes"))
		}
	}
	return append(own, "/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes")
}

// containerMemoryLimit returns the memory limit of the cgroup the process
// runs in, in bytes, or 0 when there is none or it cannot be read. read
// is os.ReadFile outside tests.
func containerMemoryLimit(read func(string) ([]byte, error)) int64 {
	self, _ := read("/proc/self/cgroup")
	for _, f := range cgroupMemoryFiles(string(self)) {
		b, err := read(f)
		if err != nil {
			continue
		}
		s := strings.TrimSpace(string(b))
		if s == "max" {
			return 0
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 || n >= noMemoryLimit {
			return 0
		}
		return n
	}
	return 0
}

// gatewayMemoryLimit is the soft memory limit the gateway sets for the Go
// runtime when GOMEMLIMIT is not set: 90% of the container's limit, so
// the collector works harder near the limit instead of the kernel
// killing the process (the gateway collects at GOGC 200 by default). 0:
// none.
func gatewayMemoryLimit(container int64) int64 { return container / 10 * 9 }
