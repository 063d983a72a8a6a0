// Protocol of a flow (Stack.flowProto, per NIC-wide flow id). A module of literals only, with no
// imports: the ahead-of-time build (scripts/aotBuild.mjs) folds such constants into the code that
// uses them, where a constant of a module with imports stays a module variable.
export const PROTO_TCP = 0;
export const PROTO_UDP = 1;
