// Every module that registers scenario-event handlers, imported once by the engine.
// devmem (engineer E): add `import '../providers/<yours>';` here.
import './builtin';
import './faults';
import '../devmem/devmemRuntime';
