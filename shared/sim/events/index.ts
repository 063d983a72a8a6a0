// Every module that registers scenario-event handlers, imported once by the engine.
// A module with handlers adds `import '../providers/<yours>';` here.
import './builtin';
import './faults';
import '../providers/registry';
