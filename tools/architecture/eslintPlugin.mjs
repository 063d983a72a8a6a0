// Local ESLint plugin: the project's architecture rules (see docs/architecture.md).
import layering from './rules/layering.mjs';
import noInlineNetmemIndex from './rules/noInlineNetmemIndex.mjs';

export default {
  meta: { name: 'netmem-workbench-architecture' },
  rules: {
    layering,
    'no-inline-netmem-index': noInlineNetmemIndex,
  },
};
