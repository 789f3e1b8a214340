import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { contextOf } from '../http/app.js'
import { expectedVersion, sendVersioned } from '../http/etag.js'
import { ERROR_RESPONSES, IdParams } from '../http/schemas.js'
import {
  ConfirmQuery, Profile, ProfileCreate, ProfileListQuery, ProfilePage, ProfilePatch, Skill, SkillCreate, SkillListQuery, SkillPage, SkillPatch, UserSkills, UserSkillsPatch,
} from './schema.js'
import {
  createProfile, createSkill, deleteProfile, deleteSkill, getProfile, getSkill, getUserSkills, listProfiles, listSkills, switchUserProfiles, updateProfile, updateSkill,
} from './service.js'

const tags = ['skills and profiles']

export const skillRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/skills', {
    config: { access: 'users:read' },
    schema: { tags, summary: 'List the tenant\'s skills (users:read)', querystring: SkillListQuery, response: { 200: SkillPage, ...ERROR_RESPONSES } },
  }, (request) => listSkills(app.db, contextOf(request), request.query))

  app.post('/skills', {
    config: { access: 'skills:manage' },
    schema: { tags, summary: 'Define a skill (skills:manage)', body: SkillCreate, response: { 201: Skill, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.status(201).send(sendVersioned(reply, await createSkill(app.db, contextOf(request), request.body))))

  app.get('/skills/:id', {
    config: { access: 'users:read' },
    schema: { tags, summary: 'Read a skill (users:read)', params: IdParams, response: { 200: Skill, ...ERROR_RESPONSES } },
  }, async (request, reply) => sendVersioned(reply, await getSkill(app.db, contextOf(request), request.params.id)))

  app.patch('/skills/:id', {
    config: { access: 'skills:manage' },
    schema: { tags, summary: 'Rename or describe a skill (skills:manage); honours If-Match', params: IdParams, body: SkillPatch, response: { 200: Skill, ...ERROR_RESPONSES } },
  }, async (request, reply) => sendVersioned(reply, await updateSkill(app.db, contextOf(request), request.params.id, request.body, expectedVersion(request))))

  app.delete('/skills/:id', {
    config: { access: 'skills:manage' },
    schema: { tags, summary: 'Delete a skill; profiles lose it (skills:manage); honours If-Match', params: IdParams, response: { 204: Type.Null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    await deleteSkill(app.db, contextOf(request), request.params.id, expectedVersion(request))
    return reply.status(204).send(null)
  })

  app.get('/profiles', {
    config: { access: 'users:read' },
    schema: { tags, summary: 'List profiles, of a group or a user (users:read)', querystring: ProfileListQuery, response: { 200: ProfilePage, ...ERROR_RESPONSES } },
  }, (request) => listProfiles(app.db, contextOf(request), request.query))

  app.post('/profiles', {
    config: { access: 'skills:manage' },
    schema: { tags, summary: 'Create a group profile (groupId) or a personal one (userId) (skills:manage)', body: ProfileCreate, response: { 201: Profile, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.status(201).send(sendVersioned(reply, await createProfile(app.db, contextOf(request), request.body))))

  app.get('/profiles/:id', {
    config: { access: 'users:read' },
    schema: { tags, summary: 'Read a profile with its skills and how many logged-on agents use it (users:read)', params: IdParams, response: { 200: Profile, ...ERROR_RESPONSES } },
  }, async (request, reply) => sendVersioned(reply, await getProfile(app.db, contextOf(request), request.params.id)))

  app.patch('/profiles/:id', {
    config: { access: 'skills:manage' },
    schema: {
      tags, summary: 'Rename a profile or replace its skills (skills:manage); 409 profile_in_use while logged-on agents use it, unless confirm=true; honours If-Match',
      params: IdParams, querystring: ConfirmQuery, body: ProfilePatch, response: { 200: Profile, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => sendVersioned(reply, await updateProfile(app.db, contextOf(request), request.params.id, request.body, request.query, expectedVersion(request))))

  app.delete('/profiles/:id', {
    config: { access: 'skills:manage' },
    schema: {
      tags, summary: 'Delete a profile (skills:manage); 409 profile_in_use while logged-on agents use it, unless confirm=true; honours If-Match',
      params: IdParams, querystring: ConfirmQuery, response: { 204: Type.Null(), ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    await deleteProfile(app.db, contextOf(request), request.params.id, request.query, expectedVersion(request))
    return reply.status(204).send(null)
  })

  app.get('/users/:id/skills', {
    config: { access: 'users:read' },
    schema: { tags, summary: 'A user\'s profiles (the group\'s and their own, each on or off) and the skills they give (users:read)', params: IdParams, response: { 200: UserSkills, ...ERROR_RESPONSES } },
  }, (request) => getUserSkills(app.db, contextOf(request), request.params.id))

  app.patch('/users/:id/skills', {
    config: { access: 'users:write' },
    schema: { tags, summary: 'Switch a user\'s profiles on or off (users:write)', params: IdParams, body: UserSkillsPatch, response: { 200: UserSkills, ...ERROR_RESPONSES } },
  }, (request) => switchUserProfiles(app.db, contextOf(request), request.params.id, request.body))
}
