import { conflict, Problem } from '../http/problem.js'

export const skillNameTaken = () => conflict('skill_name_taken', 'The tenant already has a skill with this name.', 'name')

/** Puzzel warns before a profile in use by logged-on agents changes: repeat with ?confirm=true. */
export const profileInUse = (agents: number) =>
  new Problem(409, 'profile_in_use', `${agents} agent(s) logged on to the queues use this profile now. Send the request again with confirm=true to change it anyway.`)
