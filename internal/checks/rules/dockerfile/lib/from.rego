# Helpers of the Dockerfile checks about FROM image references.
package ward.lib.dockerfile

import rego.v1

import data.ward.lib

# registry_image holds for a stage built FROM an image pulled from a
# registry: the reference is known (no unresolved ARG), not scratch and
# not an earlier stage.
registry_image(r) if {
	from := r.config.from
	lib.known(from.image)
	from.scratch == false
	from.stage_ref == false
	not contains(from.image, "$")
}

# remote_source holds for an ADD source fetched over the network.
remote_source(src) if regex.match(`^(?i)(https?|ftp)://`, src)

remote_source(src) if regex.match(`^(?i)(git@|git://|ssh://)`, src)

# pinned_git holds for a git source pinned to a full commit (#<sha>).
pinned_git(src) if regex.match(`#[0-9a-fA-F]{40}(:.*)?$`, src)

# archive holds for a local tar archive, which ADD unpacks.
archive(src) if regex.match(`(?i)\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$`, src)
