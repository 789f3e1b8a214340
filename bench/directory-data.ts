// Synthetic but realistic directory data for the benchmark: deterministic (seeded PRNG), so two runs
// with the same N seed the same people. Users rows are built exactly as rowValues() in
// src/users/service.ts builds them (same normal forms, same search_text).
import { newId } from '../src/db/ids.js'
import { caseKey, searchKey } from '../src/db/text.js'
import { searchText } from '../src/users/search-text.js'
import type { UsersTable } from '../src/db/types.js'
import type { Insertable } from 'kysely'

// Sign-in state (locks, required actions), the kind (agent), the extension (none), the queue presence (logged off), the
// picture (none) and the group's inherited values (no overrides or own resource filters) start at the columns' defaults.
export type UserValues = Required<Omit<Insertable<UsersTable>, 'pk' | 'locked_at' | 'locked_until' | 'required_actions' | 'kind' | 'extension' | 'presence_state' | 'presence_since' | 'presence_profile_id' | 'property_overrides' | 'resource_filter_ids' | 'avatar_version'>>

/** Every column the service writes on create, in a fixed order (pk is generated). */
export const USER_COLUMNS = [
  'id', 'tenant_id', 'username', 'username_key', 'first_name', 'last_name', 'display_name', 'email', 'email_key',
  'email_verified', 'mobile_phone', 'job_title', 'description', 'employee_number', 'external_username', 'agent_id',
  'time_zone', 'locale', 'role_id', 'role_name', 'default_campaign_id', 'default_campaign_name', 'active',
  'choose_campaign_at_login', 'restrict_view', 'quality_monitoring', 'messenger_sound', 'password_hash',
  'password_changed_at', 'created_at', 'created_by', 'updated_at', 'updated_by', 'last_login_at', 'last_login_ip',
  'last_login_browser', 'search_text', 'version', 'group_id',
] as const satisfies ReadonlyArray<keyof UserValues>

/** Columns holding integers (PostgreSQL needs the array type of each for unnest). */
export const USER_INT8_COLUMNS: ReadonlySet<string> = new Set(['agent_id', 'password_changed_at', 'created_at', 'updated_at', 'last_login_at'])
export const USER_INT4_COLUMNS: ReadonlySet<string> = new Set([
  'email_verified', 'active', 'choose_campaign_at_login', 'restrict_view', 'quality_monitoring', 'messenger_sound', 'version',
])

export const FIRST_NAMES = [
  'Anna', 'Emma', 'Sophie', 'Julia', 'Lotte', 'Sanne', 'Fleur', 'Maria', 'Laura', 'Sara', 'Eva', 'Noor', 'Lisa', 'Hannah',
  'Johanna', 'Mila', 'Zoë', 'Chloé', 'Renée', 'Inès', 'Noémie', 'Thérèse', 'Mónica', 'Lucía', 'Sofía', 'Ana', 'Marta',
  'Małgorzata', 'Agnieszka', 'Ewa', 'Katarzyna', 'Åsa', 'Ingrid', 'Sigrid', 'Astrid', 'Björk', 'Ayşe', 'Elif', 'Zeynep',
  'Fatma', 'Amira', 'Fatima', 'Yasmin', 'Priya', 'Mei', 'Olga', 'Irina', 'Jelena', 'Ivana', 'Françoise', 'Grace',
  'Olivia', 'Charlotte', 'Amelia', 'Mariana', 'Beatriz', 'Daan', 'Sem', 'Lucas', 'Levi', 'Finn', 'Bram', 'Thijs', 'Ruben',
  'Jan', 'Pieter', 'Kees', 'Willem', 'Mark', 'Martin', 'Marco', 'Mario', 'Tomás', 'José', 'Jesús', 'Ángel', 'Andrés',
  'Iñigo', 'François', 'Jérôme', 'Hélène', 'Anaïs', 'Jürgen', 'Jörg', 'Uwe', 'Søren', 'Jørgen', 'Björn', 'Håkan', 'Łukasz',
  'Paweł', 'Wojciech', 'Mehmet', 'Çağrı', 'Oğuz', 'Emre', 'Mohammed', 'Ahmed', 'Youssef', 'Omar', 'Raj', 'Wei',
  'Dmitri', 'Sergei', 'Miloš', 'Dušan', 'Luka', 'Nikola', 'Seán', 'Ciarán', 'Oliver', 'George', 'James', 'William',
  'Thomas', 'Daniel', 'David', 'Michael', 'Peter', 'Paul', 'João', 'Gonçalo',
]

export const LAST_NAMES = [
  'de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer', 'de Boer',
  'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra',
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Anderson', 'Jackson', 'Wilson', 'Thompson', 'Robinson', 'Harrison',
  'O\'Brien', 'O\'Connor', 'Murphy', 'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weiß', 'Schäfer', 'Köhler', 'Groß',
  'Krüger', 'Günther', 'García', 'Martínez', 'López', 'Sánchez', 'Pérez', 'Gómez', 'Fernández', 'Rodríguez', 'Peña',
  'Muñoz', 'Ibáñez', 'Núñez', 'Lefèvre', 'Dubois', 'Lefebvre', 'Moreau', 'Girard', 'Bonnaire', 'Rousseau', 'Mercier',
  'Ødegård', 'Nørgaard', 'Sørensen', 'Jørgensen', 'Kristiansen', 'Åberg', 'Öberg', 'Lindqvist', 'Håkansson',
  'Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kamiński', 'Lewandowski', 'Łukasiewicz', 'Zieliński', 'Dvořák', 'Novák',
  'Svoboda', 'Černý', 'Kovačević', 'Jovanović', 'Petrović', 'Nikolić', 'Horváth', 'Nagy', 'Kovács', 'Szabó',
  'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Aydın', 'El Amrani', 'Benali', 'Haddad', 'Khan', 'Patel',
  'Singh', 'Wang', 'Li', 'Nguyen', 'Tran', 'Kim', 'Ivanov', 'Popescu', 'Rossi', 'Russo', 'Esposito', 'Bianchi',
  'Ferreira', 'Gonçalves', 'Conceição',
]

export const CAMPAIGNS: Array<[name: string, weight: number]> = [
  ['Inbound Sales', 30], ['Customer Service NL', 20], ['Customer Service DE', 12], ['Service Client Français', 8],
  ['Atención al Cliente', 7], ['Technical Support', 8], ['Billing', 5], ['Retention', 4], ['Collections', 3],
  ['Outbound Telesales', 2], ['Premium Care', 0.8], ['Pilot Q4 Chat', 0.2],
]

export const TEAMS: Array<[name: string, weight: number]> = Array.from({ length: 24 }, (_, i) => {
  const site = ['Amsterdam', 'Rotterdam', 'Utrecht', 'Berlin', 'Lisboa', 'Kraków', 'Sevilla', 'Istanbul'][i % 8]!
  return [`${site} ${['Alpha', 'Bravo', 'Charlie'][Math.floor(i / 8)]!}`, i === 23 ? 0.3 : 1 + (i % 5)]
})

/** Built-in role key → weight among the users. */
const ROLE_WEIGHTS: Array<[key: string, weight: number, jobTitle: string]> = [
  ['agent', 86, 'Customer Service Agent'],
  ['team-leader', 8, 'Team Leader'],
  ['quality-manager', 2, 'Quality Coach'],
  ['campaign-administrator', 1.5, 'Campaign Administrator'],
  ['contact-centre-manager', 2, 'Contact Centre Manager'],
  ['administrator', 0.5, 'System Administrator'],
]

const TIME_ZONES = ['Europe/Amsterdam', 'Europe/Berlin', 'Europe/Lisbon', 'Europe/Warsaw', 'Europe/Madrid', 'Europe/Istanbul', 'Europe/London', 'America/Curacao']
const LOCALES = ['nl-NL', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'pl-PL', 'tr-TR', 'pt-PT', 'da-DK']
const DOMAINS = ['contoso-cc.com', 'fabrikam.nl', 'callcentre.example']
const BROWSERS = ['Chrome 142 on Windows 11', 'Edge 142 on Windows 11', 'Firefox 145 on Ubuntu', 'Safari 19 on macOS']

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function weighted<T>(random: () => number, items: ReadonlyArray<T>, weightOf: (item: T) => number): () => T {
  const total = items.reduce((sum, item) => sum + weightOf(item), 0)
  const cumulative: number[] = []
  let acc = 0
  for (const item of items) cumulative.push((acc += weightOf(item) / total))
  return () => {
    const x = random()
    for (let i = 0; i < cumulative.length; i++) if (x < cumulative[i]!) return items[i]!
    return items[items.length - 1]!
  }
}

/** Usernames as contact centres make them: "anna.de.jong", then "anna.de.jong2", … */
const usernamePart = (name: string) => searchKey(name).replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '')

export interface SeedRefs {
  tenantId: string
  /** The tenant's default user group, which every seeded user joins but one in twenty… */
  groupId: string
  /** …who join this one. */
  smallGroupId: string
  /** A skill the default group's profile gives, and one the small group's profile gives. */
  skills: { everyone: string; smallGroup: string }
  editorId: string
  roles: Array<{ id: string; name: string; key: string }>
  campaigns: Array<{ id: string; name: string }>
  teams: Array<{ id: string; name: string }>
  /** One argon2 hash made by the real hasher, shared by the users who have a password. */
  passwordHash: string
}

export interface SeedUser {
  row: UserValues
  campaignIds: string[]
  teamIds: string[]
  identities: Array<{ id: string; environment: string; environment_key: string; username: string; username_key: string }>
}

/** Generates users one at a time (so a million never sit in memory at once). */
export function userGenerator(refs: SeedRefs, total: number, seed = 42): (index: number) => SeedUser {
  const random = rng(seed)
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
  const chance = (p: number) => random() < p
  const role = weighted(random, ROLE_WEIGHTS, (r) => r[1])
  const campaign = weighted(random, refs.campaigns.map((c, i) => ({ ...c, weight: CAMPAIGNS[i]?.[1] ?? 1 })), (c) => c.weight)
  const team = weighted(random, refs.teams.map((t, i) => ({ ...t, weight: TEAMS[i]?.[1] ?? 1 })), (t) => t.weight)
  const roleByKey = new Map(refs.roles.map((r) => [r.key, r]))
  const taken = new Map<string, number>()
  const now = Date.now()
  const start = now - 3 * 365 * 24 * 3600_000
  const step = (now - start) / Math.max(total, 1)

  return (i) => {
    const firstName = pick(FIRST_NAMES)
    const lastName = pick(LAST_NAMES)
    // A few people go by a short or double first name in the directory.
    const displayName = chance(0.04) ? `${firstName.slice(0, 3)} ${lastName}` : `${firstName} ${lastName}`
    const base = `${usernamePart(firstName)}.${usernamePart(lastName)}`
    const seen = (taken.get(base) ?? 0) + 1
    taken.set(base, seen)
    const username = seen === 1 ? base : `${base}${seen}`
    const [roleKey, , jobTitle] = role()
    const r = roleByKey.get(roleKey)!
    const email = chance(0.93) ? `${username}@${pick(DOMAINS)}` : null
    const employeeNumber = chance(0.8) ? `E${String(100000 + i)}` : null
    const agentId = roleKey === 'agent' || roleKey === 'team-leader' ? (chance(0.97) ? 10000 + i : null) : null
    const linkCount = chance(0.08) ? 0 : chance(0.55) ? 1 : chance(0.7) ? 2 : 3
    const campaignIds = [...new Set(Array.from({ length: linkCount }, () => campaign().id))]
    const teamIds = chance(0.15) ? [] : [...new Set(Array.from({ length: chance(0.85) ? 1 : 2 }, () => team().id))]
    const active = chance(0.85)
    const createdAt = Math.floor(start + i * step + random() * step)
    const updatedAt = Math.min(now, createdAt + Math.floor(random() * 200 * 24 * 3600_000))
    const lastLoginAt = active && chance(0.75) ? now - Math.floor(random() * 120 * 24 * 3600_000) : !active && chance(0.4) ? createdAt + Math.floor(random() * (now - createdAt)) : null
    const hasPassword = chance(0.1)
    const defaultCampaignId = campaignIds[0] ?? null
    const row: UserValues = {
      id: newId(createdAt),
      tenant_id: refs.tenantId,
      // By index, not by the random stream: the rest of the data stays as earlier runs had it.
      group_id: i % 20 === 0 ? refs.smallGroupId : refs.groupId,
      username,
      username_key: caseKey(username),
      first_name: firstName,
      last_name: lastName,
      display_name: displayName,
      email,
      email_key: email ? caseKey(email) : null,
      email_verified: email && chance(0.7) ? 1 : 0,
      mobile_phone: chance(0.5) ? `+316${String(10000000 + Math.floor(random() * 89999999))}` : null,
      job_title: jobTitle,
      description: chance(0.05) ? 'Works part-time; prefers early shifts.' : '',
      employee_number: employeeNumber,
      external_username: chance(0.2) ? `EXT\\${username}` : '',
      agent_id: agentId,
      time_zone: chance(0.4) ? pick(TIME_ZONES) : null,
      locale: chance(0.4) ? pick(LOCALES) : null,
      role_id: r.id,
      role_name: r.name,
      default_campaign_id: defaultCampaignId,
      default_campaign_name: defaultCampaignId ? refs.campaigns.find((c) => c.id === defaultCampaignId)!.name : null,
      active: active ? 1 : 0,
      choose_campaign_at_login: campaignIds.length > 1 && chance(0.5) ? 1 : 0,
      restrict_view: chance(0.1) ? 1 : 0,
      quality_monitoring: chance(0.3) ? 1 : 0,
      messenger_sound: chance(0.9) ? 1 : 0,
      password_hash: hasPassword ? refs.passwordHash : null,
      password_changed_at: hasPassword ? updatedAt : null,
      created_at: createdAt,
      created_by: refs.editorId,
      updated_at: updatedAt,
      updated_by: refs.editorId,
      last_login_at: lastLoginAt,
      last_login_ip: lastLoginAt === null ? null : `10.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}.${1 + Math.floor(random() * 253)}`,
      last_login_browser: lastLoginAt === null ? null : pick(BROWSERS),
      search_text: searchText({ username, firstName, lastName, displayName, email, employeeNumber, agentId }),
      version: 1,
    }
    const identities = chance(0.25)
      ? [{ id: newId(createdAt), environment: 'Genesys Cloud', environment_key: caseKey('Genesys Cloud'), username: email ?? username, username_key: caseKey(email ?? username) }]
      : []
    return { row, campaignIds, teamIds, identities }
  }
}
