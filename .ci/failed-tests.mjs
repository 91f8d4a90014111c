// Prints each failed test of the given TRX files with what CI needs to diagnose it from a log that may be cut to its
// last lines: the message, the first stack frames and the last lines of the test's output. Compact on purpose.
// Usage: node .ci/failed-tests.mjs TestResults/*.trx
import { readFileSync } from 'node:fs';

const MessageLines = 8, StackLines = 3, OutputLines = 10;

const decode = (text) => text
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
  .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
  .replace(/&#([0-9]+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
  .replace(/&amp;/g, '&');
const element = (xml, name) => {
  const match = xml.match(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`));
  return match ? decode(match[1]).split('\n').map((line) => line.trimEnd()).filter((line) => line !== '') : [];
};
const indent = (lines) => lines.map((line) => `    ${line}`);

for (const file of process.argv.slice(2)) {
  const xml = readFileSync(file, 'utf8');
  for (const result of xml.matchAll(/<UnitTestResult\b([^>]*)>([\s\S]*?)<\/UnitTestResult>/g)) {
    const [, attributes, body] = result;
    if (!/\boutcome="(Failed|Error|Timeout|Aborted)"/.test(attributes)) continue;
    const name = decode(attributes.match(/\btestName="([^"]*)"/)?.[1] ?? '(unnamed)');
    const duration = attributes.match(/\bduration="([^"]*)"/)?.[1] ?? '?';
    const message = element(body, 'Message');
    const stack = element(body, 'StackTrace').filter((line) => line.trimStart().startsWith('at '));
    const output = element(body, 'StdOut');
    const lines = [`FAILED testName="${name}" (${duration})`, ...indent(message.slice(0, MessageLines))];
    if (message.length > MessageLines) lines.push(`    ... ${message.length - MessageLines} more message lines`);
    lines.push(...indent(stack.slice(0, StackLines)));
    if (output.length > 0) lines.push('  output, last lines:', ...indent(output.slice(-OutputLines)));
    console.log(lines.join('\n'));
  }
}
