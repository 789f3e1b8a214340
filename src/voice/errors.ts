import { Problem } from '../http/problem.js'

export const noPhoneForMachines = () =>
  new Problem(409, 'machine_account', 'Wallboards, bots and API accounts have no phone, so no SIP password.')
