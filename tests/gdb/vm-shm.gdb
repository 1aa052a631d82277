# vm-maps and vm-cache name a System V segment as Linux's maps does:
# shm_raw makes the boot's first segment (shmid 0), a private 8 KiB one,
# writes both its pages through one attachment and attaches it again
# (ipc SHMAT); at the first shmdt both attachments show as
# /SYSV00000000 (deleted) with the shmid as their inode, and
# vm-cache SYSV00000000 lists the two dirty pages, each mapped twice.
# program: build/user/shm_raw
# expect: ^Breakpoint 2, shm_detach \(
# expect: ^40000000-40002000 rw-s 00000000 00:02 0 {34}/SYSV00000000 \(deleted\)$
# expect: ^40002000-40004000 rw-s 00000000 00:02 0 {34}/SYSV00000000 \(deleted\)$
# expect: ^2 pages cached$
# expect: ^  SYSV00000000\s+index    0 pfn 0x[0-9a-f]{5} refcount 3 mapcount 2 pagecache\|dirty\|user$
# expect: ^  SYSV00000000\s+index    1 pfn 0x[0-9a-f]{5} refcount 3 mapcount 2 pagecache\|dirty\|user$
hbreak kmain
continue
delete
break shm_detach
continue
vm-maps 2
vm-cache SYSV00000000
