// The fixed cast of the call centre: operators (French names, logins, e-mails), groups and service numbers.

import { createRng, mixSeed } from './rng';

export interface RosterOperator {
  id: number;
  realname: string;
  login: string;
  email: string;
  sipExtension: string;
  groups: number[]; // primary group first
  /** Shift of the day, local "HH:MM" start and length in minutes; night shifts cross midnight. */
  shift: { start: number; minutes: number; night: boolean };
}

export interface RosterGroup {
  id: number;
  name: string;
  numbers: string[]; // E.164 without plus (guide 2.1)
  /** Share of inbound traffic aimed at this group. */
  weight: number;
  /** guide 4.3 nbr_escalades: where a call goes after waiting too long here (null: never). */
  overflowTo: number | null;
  overflowAfterMs: number;
}

export interface Roster {
  accountId: number;
  operators: RosterOperator[];
  groups: RosterGroup[];
}

const FIRST_NAMES = [
  'Camille',
  'Léa',
  'Manon',
  'Chloé',
  'Inès',
  'Sarah',
  'Emma',
  'Julie',
  'Clara',
  'Lucie',
  'Anaïs',
  'Élodie',
  'Mathilde',
  'Pauline',
  'Nadia',
  'Sophie',
  'Hélène',
  'Aurélie',
  'Fatima',
  'Margaux',
  'Lucas',
  'Hugo',
  'Thomas',
  'Nicolas',
  'Julien',
  'Antoine',
  'Maxime',
  'Karim',
  'Mehdi',
  'Théo',
  'Louis',
  'Romain',
  'Pierre',
  'Yanis',
  'Baptiste',
  'Quentin',
  'Olivier',
  'Sébastien',
  'Jérôme',
  'François',
];
const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Lefebvre',
  'Mercier',
  'Dupont',
  'Lambert',
  'Bonnet',
  'François',
  'Martinez',
  'Legrand',
  'Garnier',
  'Faure',
  'Rousseau',
  'Blanc',
  'Guérin',
  'Muller',
  'Henry',
  'Roussel',
  'Nicolas',
  'Perrin',
  'Morin',
  'Mathieu',
  'Clément',
  'Gauthier',
  'Dumont',
  'Lopez',
  'Fontaine',
  'Chevalier',
  'Robin',
];
const GROUP_NAMES = [
  'Accueil',
  'Support technique',
  'Facturation',
  'Commercial',
  'Réclamations',
  'Résiliations',
  'Clients VIP',
  'Recouvrement',
];
// Area prefixes of the service numbers: Paris, Lyon, Marseille, Lille, Bordeaux, then non-geographic 09.
const AREAS = ['331454200', '334721000', '334915500', '333201400', '335563000', '339700100'];
const WEIGHTS = [0.32, 0.26, 0.16, 0.15, 0.11];

// Day shifts in local minutes after midnight and length; more people in the morning peak.
const DAY_SHIFTS: [number, number][] = [
  [7 * 60 + 30, 480],
  [8 * 60, 480],
  [8 * 60, 480],
  [8 * 60 + 30, 510],
  [8 * 60 + 30, 510],
  [9 * 60, 510],
  [9 * 60, 510],
  [10 * 60, 480],
  [11 * 60 + 30, 480],
  [12 * 60, 480],
];
const NIGHT_SHIFT = { start: 20 * 60, minutes: 12 * 60, night: true };

function ascii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

export function buildRoster(opts: { seed: number; operators: number; groups: number }): Roster {
  const rng = createRng(mixSeed(opts.seed, 0x5e5e));
  const groups: RosterGroup[] = [];
  for (let g = 0; g < opts.groups; g++) {
    const id = 101 + g;
    const name = GROUP_NAMES[g] ?? `Groupe ${g + 1}`;
    const area = AREAS[g % AREAS.length] ?? '339700100';
    const suffix = String(Math.floor(g / AREAS.length) * 10).padStart(2, '0');
    // The first two groups take two numbers each: a main line and a second campaign line.
    const numbers =
      g < 2
        ? [`${area}${suffix}`, `${area}${String(Number(suffix) + 1).padStart(2, '0')}`]
        : [`${area}${suffix}`];
    groups.push({
      id,
      name,
      numbers,
      weight: WEIGHTS[g] ?? 0.08,
      overflowTo: opts.groups > 1 ? 101 + ((g + 1) % opts.groups) : null,
      overflowAfterMs: (g % 2 === 0 ? 90 : 60) * 1000,
    });
  }

  const nightCount =
    opts.operators >= 4
      ? Math.max(2, Math.round(opts.operators * 0.075))
      : opts.operators >= 2
        ? 1
        : 0;
  const usedLogins = new Set<string>();
  const operators: RosterOperator[] = [];
  for (let i = 0; i < opts.operators; i++) {
    const id = 1001 + i;
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    let login = `${ascii(first).slice(0, 1)}${ascii(last)}`;
    let email = `${ascii(first)}.${ascii(last)}@vigie-demo.fr`;
    for (let n = 2; usedLogins.has(login); n++) {
      login = `${ascii(first).slice(0, 1)}${ascii(last)}${n}`;
      email = `${ascii(first)}.${ascii(last)}${n}@vigie-demo.fr`;
    }
    usedLogins.add(login);
    const night = i < nightCount;
    // Every group gets members first (round-robin), then the bigger groups get more people.
    const primaryIndex = night
      ? 0
      : i - nightCount < opts.groups * 2
        ? (i - nightCount) % opts.groups
        : rng.weighted(groups.map((g) => g.weight));
    const member = new Set<number>([101 + primaryIndex]);
    const extra = rng.next() < 0.2 ? 2 : rng.next() < 0.6 ? 1 : 0;
    for (let k = 0; k < extra && opts.groups > 1; k++)
      member.add(101 + rng.int(0, opts.groups - 1));
    const dayShift = DAY_SHIFTS[i % DAY_SHIFTS.length] ?? [9 * 60, 480];
    operators.push({
      id,
      realname: `${first} ${last}`,
      login,
      email,
      sipExtension: String(200 + i),
      groups: [...member],
      shift: night ? NIGHT_SHIFT : { start: dayShift[0], minutes: dayShift[1], night: false },
    });
  }
  return { accountId: 40123, operators, groups };
}
