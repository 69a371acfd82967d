package iface_test

// childEnv marks a test binary re-executed inside a network namespace.
const childEnv = "NETKIT_IFACE_CHILD"
