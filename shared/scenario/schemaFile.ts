// Where the shipped JSON Schema of scenario files lives, relative to the repository root. A module
// of its own, without imports, so the command line's help names it without loading zod.
export const SCHEMA_FILE = 'schema/scenario.schema.json';
