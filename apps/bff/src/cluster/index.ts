// cluster/: several BFF instances on one Axialys account, through Redis (guide 3.2 holds for the
// account, not for a process). It owns the leader lease, the fenced operators_init gate, the
// snapshot channel, the shared drill-down cache and the shared trend. This file is its public
// face: nothing outside cluster/ imports another file of it (the lint enforces it).
export { ClusterNode, type ClusterHooks } from './cluster-node';
export type { ReceivedSnapshot } from './snapshot-channel';
export { clusterNamespace } from './keys';
export { closeRedis, connectRedis, waitForReady } from './redis-connection';
export { LuaScript } from './lua-script';
export type { Lease } from './lease';
export type { OperatorsInitGate } from './operators-init-gate';
