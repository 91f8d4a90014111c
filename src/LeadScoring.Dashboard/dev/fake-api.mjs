// A stand-in for the Lead Scoring API, for working on the dashboard without the Functions host
// and Azurite. Development only: nothing here is built into dist/ or shipped.
//   node dev/fake-api.mjs [--port 5173] [--key SECRET] [--delay 300]
// --key makes every API call answer 401 unless x-functions-key matches (to try the key prompt).
// It follows the HTTP API in the team brief; the real service remains the contract.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: { port: { type: 'string', default: '5173' }, key: { type: 'string' }, delay: { type: 'string', default: '300' } },
});
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const offers = [];
const leads = [];
const results = new Map(); // `${offerId}/${leadId}` -> result
const runs = new Map();

const tiers = {
  decision_makers: ['ceo', 'founder', 'owner', 'cto', 'cfo', 'coo', 'chief'],
  senior_roles: ['vp', 'vice president', 'head', 'director'],
  influencers: ['manager', 'lead', 'senior', 'principal', 'architect'],
  target_industries: ['saas', 'software', 'technology', 'tech'],
  adjacent_industries: ['consulting', 'services', 'fintech', 'healthcare tech', 'edtech'],
  neutral_industries: ['finance', 'healthcare', 'education', 'manufacturing'],
};
const words = (text) => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
const match = (text, list) => list.find((k) => ` ${words(text).join(' ')} `.includes(` ${k} `)) ?? null;

function score(lead, offer) {
  const kw = (name) => offer.keywords?.[name] ?? tiers[name];
  const roles = [['decision_makers', 20, 'dm'], ['senior_roles', 15, 'senior'], ['influencers', 10, 'influencer']];
  const industries = [['target_industries', 20, 'target'], ['adjacent_industries', 12, 'adjacent'], ['neutral_industries', 5, 'neutral']];
  const pick = (text, table) => {
    for (const [name, points, tier] of table) {
      const k = match(text, kw(name));
      if (k) return { points, tier, keyword: k };
    }
    return { points: 0, tier: 'none', keyword: null };
  };
  const role = pick(lead.role, roles);
  const industry = pick(lead.industry, industries);
  const fields = ['name', 'role', 'company', 'industry', 'linkedin_bio'];
  const missing = fields.filter((f) => !lead[f]?.trim());
  const completeness = 2 * (fields.length - missing.length);
  let ai = ['Low', 5];
  if (role.tier === 'dm' && industry.tier === 'target') ai = ['High', 45];
  else if (role.tier === 'dm' || (role.tier === 'senior' && industry.tier === 'target')) ai = ['Medium', 25];
  else if (role.tier === 'influencer' || industry.tier === 'adjacent') ai = ['Medium', 15];
  const total = Math.min(100, role.points + industry.points + completeness + ai[1]);
  const intent = total >= 80 ? 'High' : total >= 50 ? 'Medium' : 'Low';
  return {
    lead_id: lead.id, name: lead.name, company: lead.company, role: lead.role, industry: lead.industry, location: lead.location,
    score: total, intent, reasoning: `${ai[0]} intent by the rule fallback: ${lead.role || 'no role'} in ${lead.industry || 'no industry'}.`,
    source: 'fallback', fallback_reason: 'ai_not_configured',
    breakdown: {
      role_points: role.points, role_keyword: role.keyword, industry_points: industry.points, industry_keyword: industry.keyword,
      completeness_points: completeness, missing_fields: missing, ai_points: ai[1], ai_intent: ai[0], ai_confidence: null,
    },
  };
}

function problem(res, status, title, detail, extra = {}) {
  send(res, status, { type: 'about:blank', title, status, detail, traceId: randomUUID(), ...extra }, 'application/problem+json');
}
function send(res, status, body, type = 'application/json; charset=utf-8', headers = {}) {
  res.writeHead(status, { 'Content-Type': type, ...headers });
  res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
}
async function body(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function parseCsv(text, uploadId) {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = words(lines[0] ?? '').length ? lines[0].split(',').map((h) => h.trim().toLowerCase().replace(/\s+/g, '_')) : [];
  if (!header.includes('name') || !header.includes('role')) return { error: 'The file has no header row with name and role columns.' };
  const rows = [];
  const rejected = [];
  lines.slice(1).forEach((line, i) => {
    const number = i + 2;
    if (!line.trim()) return;
    const cells = line.split(',');
    if (cells.length !== header.length) {
      rejected.push({ line: number, error: `Expected ${header.length} fields but found ${cells.length}.` });
      return;
    }
    const lead = Object.fromEntries(header.map((h, j) => [h, cells[j].trim()]));
    if (!lead.name) {
      rejected.push({ line: number, error: 'The name is empty.' });
      return;
    }
    rows.push({ id: `${uploadId}-${number}`, location: '', linkedin_bio: '', ...lead });
  });
  return { rows, rejected };
}

function resultsFor(url) {
  const offerId = url.searchParams.get('offer_id') || offers[0]?.id;
  const intent = url.searchParams.get('intent');
  const min = Number(url.searchParams.get('min_score') ?? 0);
  return [...results.values()]
    .filter((r) => r.offer_id === offerId && (!intent || r.intent === intent) && r.score >= min)
    .sort((a, b) => b.score - a.score || a.lead_id.localeCompare(b.lead_id));
}

async function api(req, res, url) {
  const path = url.pathname;
  if (path === '/health') return send(res, 200, { status: 'ok' });
  if (args.key && req.headers['x-functions-key'] !== args.key) return send(res, 401, '', 'text/plain');
  if (req.method === 'GET' && path === '/offers') return send(res, 200, offers);
  if (req.method === 'POST' && path === '/offer') {
    let input;
    try {
      input = JSON.parse((await body(req)).toString('utf8'));
    } catch {
      return problem(res, 400, 'Malformed JSON', 'The request body is not valid JSON.');
    }
    const missing = ['name', 'value_props', 'ideal_use_cases'].filter((f) => !String(input[f] ?? '').trim());
    if (missing.length) {
      return problem(res, 400, 'One or more validation errors occurred.', `Missing: ${missing.join(', ')}.`,
        { errors: Object.fromEntries(missing.map((f) => [f, [`The ${f} field is required.`]])) });
    }
    const keywords = Object.fromEntries(Object.keys(tiers).filter((k) => Array.isArray(input[k])).map((k) => [k, input[k]]));
    const offer = { id: randomUUID().replaceAll('-', ''), name: input.name, value_props: input.value_props,
      ideal_use_cases: input.ideal_use_cases, created_at: new Date().toISOString(), keywords };
    offers.unshift(offer);
    return send(res, 201, { id: offer.id }, undefined, { Location: `/offer/${offer.id}` });
  }
  if (req.method === 'POST' && path === '/leads/upload') {
    const raw = (await body(req)).toString('utf8');
    const type = req.headers['content-type'] ?? '';
    let text = raw;
    if (type.startsWith('multipart/form-data')) {
      const boundary = /boundary=(.+)$/.exec(type)?.[1];
      const part = raw.split(`--${boundary}`).find((p) => /name="file"/.test(p));
      if (!part) return problem(res, 400, 'Missing file', 'Send the CSV in a multipart field named "file".');
      text = part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, '');
    } else if (!type.startsWith('text/csv')) {
      return problem(res, 415, 'Unsupported media type', 'Send multipart/form-data with a "file" field, or text/csv.');
    }
    const parsed = parseCsv(text, randomUUID().slice(0, 8));
    const fileColumns = (text.split(/\r?\n/)[0] ?? '').split(',').map((c) => c.trim());
    if (parsed.error) return problem(res, 400, 'Not a leads CSV', parsed.error, { columns: fileColumns });
    // A dry run (the dashboard's preview): the first rows, nothing stored. The fake ignores any mapping.
    if (/name="dry_run"/.test(raw) || url.searchParams.get('dry_run')) {
      const rows = [...parsed.rows.map((lead) => ({ line: Number(lead.id.split('-').pop()), lead: { email: '', record_id: '', ...lead }, error: null, warning: null })),
        ...parsed.rejected.map((r) => ({ line: r.line, lead: null, error: r.error, warning: null }))].sort((a, b) => a.line - b.line).slice(0, 10);
      return send(res, 200, { dry_run: true, encoding: 'utf-8', file_columns: fileColumns,
        columns: Object.fromEntries(fileColumns.map((c) => [c.toLowerCase(), c])), fields: [], rows });
    }
    leads.push(...parsed.rows);
    return send(res, 200, { inserted: parsed.rows.length, rejected: parsed.rejected });
  }
  if (req.method === 'POST' && path === '/score') {
    const input = JSON.parse((await body(req)).toString('utf8') || '{}');
    if (offers.length === 0) return problem(res, 409, 'No offer yet', 'Create an offer with POST /offer before scoring.');
    const offer = input.offer_id ? offers.find((o) => o.id === input.offer_id) : offers[0];
    if (!offer) return problem(res, 404, 'Unknown offer', `There is no offer with id ${input.offer_id}.`);
    const todo = leads.filter((l) => input.rescore || !results.has(`${offer.id}/${l.id}`));
    const run = { run_id: randomUUID().replaceAll('-', ''), offer_id: offer.id, queued: todo.length, scored: 0, failed: 0,
      done: todo.length === 0, created_at: new Date().toISOString(), completed_at: null, failures: [] };
    if (run.done) run.completed_at = run.created_at;
    runs.set(run.run_id, run);
    todo.forEach((lead, i) => setTimeout(() => {
      results.set(`${offer.id}/${lead.id}`, { ...score(lead, offer), offer_id: offer.id, run_id: run.run_id, scored_at: new Date().toISOString() });
      run.scored++;
      if (run.scored + run.failed === run.queued) {
        run.done = true;
        run.completed_at = new Date().toISOString();
      }
    }, Number(args.delay) * (i + 1)));
    return send(res, 202, { run_id: run.run_id, offer_id: offer.id, queued: run.queued }, undefined, { Location: `/score/runs/${run.run_id}` });
  }
  const runMatch = /^\/score\/runs\/([^/]+)$/.exec(path);
  if (req.method === 'GET' && runMatch) {
    const run = runs.get(runMatch[1]);
    return run ? send(res, 200, run) : problem(res, 404, 'Unknown run', `There is no run with id ${runMatch[1]}.`);
  }
  if (req.method === 'GET' && path === '/results') {
    const all = resultsFor(url);
    const limit = url.searchParams.get('limit');
    if (!limit) return send(res, 200, all);
    const start = Number(url.searchParams.get('continuation') ?? 0);
    const page = all.slice(start, start + Number(limit));
    const next = start + page.length < all.length ? { 'X-Continuation-Token': String(start + page.length) } : {};
    return send(res, 200, page, undefined, next);
  }
  if (req.method === 'GET' && path === '/results/export') {
    const quote = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v ?? ''));
    const columns = ['lead_id', 'name', 'company', 'role', 'industry', 'score', 'intent', 'reasoning'];
    const csv = [columns.join(','), ...resultsFor(url).map((r) => columns.map((c) => quote(r[c])).join(','))].join('\r\n') + '\r\n';
    return send(res, 200, csv, 'text/csv; charset=utf-8', { 'Content-Disposition': 'attachment; filename="lead_scores.csv"' });
  }
  return problem(res, 404, 'Not found', `No route for ${req.method} ${path}.`);
}

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.txt': 'text/plain' };
createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  try {
    if (url.pathname === '/' || url.pathname === '/app') return send(res, 302, '', 'text/plain', { Location: '/app/' });
    if (url.pathname.startsWith('/app/')) {
      const file = normalize(url.pathname.slice('/app/'.length) || 'index.html');
      if (file.startsWith('..')) return send(res, 404, '', 'text/plain');
      return send(res, 200, await readFile(join(dist, file)), types[extname(file)] ?? 'application/octet-stream');
    }
    return await api(req, res, url);
  } catch (error) {
    if (error.code === 'ENOENT') return send(res, 404, 'not found', 'text/plain');
    console.error(error);
    return problem(res, 500, 'Internal error', 'The fake API failed.');
  }
}).listen(Number(args.port), '127.0.0.1', () => console.log(`fake API and dashboard on http://127.0.0.1:${args.port}/app/`));
