// Validates every statement line of a Bekal results file with xapi-validation; prints one line
// per invalid statement and, at the end, the verbs and activity types seen.
// node xapi-validate.js NODE_MODULES FILE
'use strict';
const path = require('path');
const fs = require('fs');
const validate = require(path.join(process.argv[2], 'xapi-validation')).default;
const lines = fs.readFileSync(process.argv[3], 'utf8').split('\n').filter((l) => l.length > 0);
const kinds = new Set();
let bad = 0;
for (let i = 1; i < lines.length - 1; i++) {
  const statement = JSON.parse(lines[i]);
  const warnings = validate(statement);
  kinds.add(statement.verb.id + ' ' + statement.object.definition.type);
  if (warnings.length > 0) {
    bad++;
    console.log('INVALID line ' + (i + 1) + ': ' +
                JSON.stringify(warnings.map((w) => [w.path.join('.'), w.message, w.typeName])));
  }
}
console.log('KINDS ' + Array.from(kinds).sort().join(' | '));
console.log('CHECKED ' + (lines.length - 2) + ' INVALID ' + bad);
process.exit(bad > 0 ? 1 : 0);
