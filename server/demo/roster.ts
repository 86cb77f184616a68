/** The fixed cast of the demo organization; tests and docs may rely on these names. */
export const DEMO_ORG_NAME = 'Demo Running Club';
export const DEMO_TIME_ZONE = 'Europe/London';

export const DEMO_COACHES = [
  { email: 'headcoach@demo.local', first: 'Helen', last: 'Hartley', role: 'head_coach' },
  { email: 'coach1@demo.local', first: 'Marcus', last: 'Okafor', role: 'coach' },
  { email: 'coach2@demo.local', first: 'Priya', last: 'Raman', role: 'coach' },
] as const;

export const DEMO_FREE_AGENT = { email: 'free.agent@demo.local', first: 'Frankie', last: 'Agent' } as const;

export const DEMO_ATHLETES: readonly (readonly [first: string, last: string, nickname?: string])[] = [
  ['Zoë', 'Martin'],
  ['José', 'García', 'Pepe'],
  ['Émile', 'Laurent'],
  ['Siobhán', "O'Connor"],
  ['Björn', 'Lindqvist'],
  ['Chloé', 'Dubois'],
  ['Renée', 'Fischer'],
  ['Łukasz', 'Nowak'],
  ['Amara', 'Nwosu'],
  ['Liam', 'Walsh'],
  ['Sofia', 'Rossi'],
  ['Noah', 'Schmidt'],
  ['Aisha', 'Khan'],
  ['Oliver', 'Bennett', 'Ollie'],
  ['Mei', 'Tanaka'],
  ['Lucas', 'Silva'],
  ['Hannah', 'Cohen'],
  ['Mateo', 'Fernández'],
  ['Grace', 'Kim'],
  ['Ethan', 'Murphy'],
  ['Isla', 'MacDonald'],
  ['Kwame', 'Mensah'],
  ['Freya', 'Andersen'],
  ['Diego', 'Morales'],
  ['Yasmin', 'Haddad'],
  ['Tomás', 'Byrne'],
  ['Leah', 'Goldberg'],
  ['Ravi', 'Patel'],
  ['Elena', 'Popescu'],
  ['Samuel', 'Adeyemi', 'Sam'],
  ['Ingrid', 'Berg'],
  ['Jack', 'Thompson'],
  ['Nadia', 'Petrova'],
  ['Arjun', 'Singh'],
  ['Maya', 'Levi'],
  ['Finn', 'Gallagher'],
  ['Camille', 'Moreau'],
  ['Hugo', 'Lefèvre'],
  ['Ava', 'Robinson'],
  ['Kai', 'Nakamura'],
  ['Lena', 'Weber'],
  ['Omar', 'Farouk'],
  ['Ruby', 'Clarke'],
  ['Mateus', 'Costa'],
];

export const DEMO_GROUPS = ['Marathon squad', 'Tuesday track', 'Beginners 5k', 'Trail crew'] as const;

export const DEMO_LABELS = ['@marathon', '@injury-watch', '@5k', '@10k', '@trail', '@comeback', '@half-marathon', '@track', '@masters'] as const;

export const DEMO_NOTES = [
  '',
  'Left knee: ease off hills until the physio signs off.',
  'Targeting a sub-3:30 marathon in the spring.',
  'Prefers morning sessions; works late shifts on Thursdays.',
  'Coming back from a stress fracture: run-walk intervals only.',
  'Strong on hills, needs work on pacing the first 5k.',
  'Asthma: carries an inhaler, check before intervals.',
  '',
  'Wants to try a first trail ultra next year.',
  'New to structured training; keep long runs conversational.',
];
