package cli

import (
	"io/fs"
	"testing"
)

func TestContainerMemoryLimit(t *testing.T) {
	const (
		v2root = "/sys/fs/cgroup/memory.max"
		v1root = "/sys/fs/cgroup/memory/memory.limit_in_bytes"
	)
	for _, c := range []struct {
		name  string
		files map[string]string
		want  int64
	}{
		{"v2, own cgroup", map[string]string{
			"/proc/self/cgroup":                            "0::/kubepods/pod1/ward\n",
			"/sys/fs/cgroup/kubepods/pod1/ward/memory.max": "268435456\n",
			v2root: "max\n",
		}, 268435456},
		{"v2, namespaced", map[string]string{"/proc/self/cgroup": "0::/\n", v2root: "134217728\n"}, 134217728},
		{"v2 unlimited", map[string]string{"/proc/self/cgroup": "0::/\n", v2root: "max\n", v1root: "1048576\n"}, 0},
		{"v1, own cgroup", map[string]string{
			"/proc/self/cgroup": "12:cpu,cpuacct:/x\n11:memory:/ward\n0::/\n",
			"/sys/fs/cgroup/memory/ward/memory.limit_in_bytes": "536870912\n",
			v1root: "9223372036854771712\n",
		}, 536870912},
		{"v1 unlimited", map[string]string{"/proc/self/cgroup": "11:memory:/\n", v1root: "9223372036854771712\n"}, 0},
		{"garbage", map[string]string{v2root: "lots\n"}, 0},
		{"negative", map[string]string{v2root: "-1\n"}, 0},
		{"no cgroup files", map[string]string{}, 0},
	} {
		read := func(p string) ([]byte, error) {
			if s, ok := c.files[p]; ok {
				return []byte(s), nil
			}
			return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
		}
		if got := containerMemoryLimit(read); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
	if got, want := gatewayMemoryLimit(100_000_000), int64(90_000_000); got != want {
		t.Errorf("gatewayMemoryLimit(100 MB) = %d, want %d", got, want)
	}
	if got := gatewayMemoryLimit(0); got != 0 {
		t.Errorf("gatewayMemoryLimit(0) = %d, want 0 (no limit)", got)
	}
}
