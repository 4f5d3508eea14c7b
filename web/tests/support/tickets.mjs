// Arranging a community with Modmail through the HTTP API for the Tickets area's browser tests.
import { apiCall } from './api.mjs';
import { createChatUser, ok } from './chat.mjs';
import { waitUntil } from './wait.mjs';

/** The username the server is started with as Modmail's super admin (Modmail:SuperAdmins), who grants the panel permissions. */
export const superAdminPrefix = 'tkowner';

/**
 * A community owned by `owner` (a super admin of Modmail) with a moderator and a member, Modmail
 * turned on (single mode) and the moderator role granted view_tickets and manage_tickets:
 * { owner, moderator, member, communityId, desk }.
 */
export async function supportDesk(baseUrl, suffix) {
  const owner = await createChatUser(baseUrl, `${superAdminPrefix}${suffix}`);
  const moderator = await createChatUser(baseUrl, `tkmod${suffix}`);
  const member = await createChatUser(baseUrl, `tkmember${suffix}`);
  const community = await ok(baseUrl, owner, 'POST', '/api/chat/communities', { name: `Helpdesk ${suffix}` });
  for (const user of [moderator, member]) {
    const invite = await ok(baseUrl, owner, 'POST', `/api/chat/communities/${community.id}/invites`, {});
    await ok(baseUrl, user, 'POST', `/api/chat/invites/${invite.code}/join`, {});
  }
  await ok(baseUrl, owner, 'PUT', `/api/chat/communities/${community.id}/members/${moderator.id}/role`, { role: 'moderator' });
  const desk = await ok(baseUrl, owner, 'POST', '/api/modmail/desks', { community_id: community.id, mode: 'single' });
  // Grants are server-wide rows: a test before this one may have made them already (409 permission_exists).
  for (const permission of ['view_tickets', 'manage_tickets']) {
    const body = { subject_type: 'role', subject_id: 'moderator', permission };
    const answer = await apiCall(baseUrl, 'POST', `/api/modmail/desks/${desk.id}/permissions`, { token: owner.token, body });
    if (answer.status !== 201 && answer.body?.code !== 'permission_exists') throw new Error(`Granting ${permission}: ${answer.status} ${answer.text}`);
  }
  return { owner, moderator, member, communityId: community.id, desk };
}

/** The member writes to the desk's bot (opening a ticket or adding to it); answers the DM message. */
export function memberWrites(baseUrl, member, desk, plaintext) {
  return ok(baseUrl, member, 'POST', `/api/chat/dms/${desk.bot_user_id}/messages`, { plaintext });
}

/** Waits until `staff` sees the member's open ticket at the desk, and answers it. */
export function openTicketOf(baseUrl, staff, desk, member) {
  return waitUntil(
    async () => {
      const page = await ok(baseUrl, staff, 'GET', `/api/modmail/desks/${desk.id}/tickets?status=open`);
      return page.items.find((t) => t.user_id === member.id);
    },
    { what: `${member.username}'s ticket` },
  );
}

/** The plaintexts of a channel, oldest first, as `reader` reads them. */
export async function channelTexts(baseUrl, reader, channelId) {
  const page = await ok(baseUrl, reader, 'GET', `/api/chat/channels/${channelId}/messages?limit=50`);
  return page.messages.map((m) => m.plaintext ?? '');
}

/** A new user who joins the community by invite (a plain member): { id, username, token }. */
export async function joinedMember(baseUrl, owner, communityId, username) {
  const user = await createChatUser(baseUrl, username);
  const invite = await ok(baseUrl, owner, 'POST', `/api/chat/communities/${communityId}/invites`, {});
  await ok(baseUrl, user, 'POST', `/api/chat/invites/${invite.code}/join`, {});
  return user;
}

/** The member writes to the desk's bot and waits until `staff` sees the ticket: { ticket, dmChannelId }. */
export async function ticketOpenedBy(baseUrl, member, staff, desk, plaintext) {
  const written = await memberWrites(baseUrl, member, desk, plaintext);
  const ticket = await openTicketOf(baseUrl, staff, desk, member);
  return { ticket, dmChannelId: written.channel_id };
}

/** Calls the desk's panel API (`/api/modmail/desks/{id}` + `path`) as `user`, insisting on success. */
export function deskCall(baseUrl, user, desk, method, path, body) {
  return ok(baseUrl, user, method, `/api/modmail/desks/${desk.id}${path}`, body);
}

/** Waits until the member's DM with the bot holds a message containing `text`; answers all its texts. */
export function dmReceives(baseUrl, member, dmChannelId, text) {
  return waitUntil(
    async () => {
      const texts = await channelTexts(baseUrl, member, dmChannelId);
      return texts.some((t) => t.includes(text)) && texts;
    },
    { what: `"${text}" in ${member.username}'s DM` },
  );
}
