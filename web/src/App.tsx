import { Navigate, Route, Routes } from 'react-router-dom';
import { AppShell } from './components/AppShell.tsx';
import { RequireAdmin, RequireSignIn } from './auth/guards.tsx';
import { AccountPage } from './pages/account/AccountPage.tsx';
import { ForcedPasswordChangePage } from './pages/account/ForcedPasswordChangePage.tsx';
import { AdminLayout } from './pages/admin/AdminLayout.tsx';
import { ApiKeysPanel } from './pages/admin/ApiKeysPanel.tsx';
import { AuditPanel } from './pages/admin/AuditPanel.tsx';
import { UsersPanel } from './pages/admin/UsersPanel.tsx';
import { BookmarksPage } from './chat/BookmarksPage.tsx';
import { CommunityChannelRoute, DmRoute, NewDmRoute } from './chat/ChannelRoute.tsx';
import { ChatHome } from './chat/ChatHome.tsx';
import { ChatPage } from './chat/ChatPage.tsx';
import { CommunityHome } from './chat/CommunityHome.tsx';
import { CommunitySettings } from './chat/CommunitySettings.tsx';
import { GoToChannel } from './chat/GoToChannel.tsx';
import { InvitePage } from './chat/InvitePage.tsx';
import { ComposePage } from './mail/ComposePage.tsx';
import { DomainDetail } from './mail/DomainDetail.tsx';
import { DomainsPage } from './mail/DomainsPage.tsx';
import { MailboxHome, MailboxPage } from './mail/MailboxPage.tsx';
import { MailHome } from './mail/MailHome.tsx';
import { MailPage } from './mail/MailPage.tsx';
import { SuppressionsPage } from './mail/SuppressionsPage.tsx';
import { ThreadView } from './mail/ThreadView.tsx';
import { WebhooksPage } from './mail/WebhooksPage.tsx';
import { Dashboard } from './tickets/Dashboard.tsx';
import { DeskList } from './tickets/DeskList.tsx';
import { DeskPage } from './tickets/DeskPage.tsx';
import { SettingsPage } from './tickets/SettingsPage.tsx';
import { TicketList } from './tickets/TicketList.tsx';
import { TicketPage } from './tickets/TicketPage.tsx';
import { TicketsPage } from './tickets/TicketsPage.tsx';
import { AccountsPanel } from './triage/AccountsPanel.tsx';
import { AuditPanel as TriageAuditPanel } from './triage/AuditPanel.tsx';
import { DashboardUsersPanel } from './triage/DashboardUsersPanel.tsx';
import { DeadLettersPanel } from './triage/DeadLettersPanel.tsx';
import { LiveFeed } from './triage/LiveFeed.tsx';
import { RulesPanel } from './triage/RulesPanel.tsx';
import { SandboxPanel } from './triage/SandboxPanel.tsx';
import { SettingsPanel as TriageSettingsPanel } from './triage/SettingsPanel.tsx';
import { TriageGate } from './triage/TriageGate.tsx';
import { TriagePage } from './triage/TriagePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { SignOutPage } from './pages/SignOutPage.tsx';

export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/sign-out" element={<SignOutPage />} />
      {/* Outside the Parley sign-in guard: Triage dashboard users have no Parley account (TriageGate). */}
      <Route path="triage" element={<TriageGate />}>
        <Route element={<TriagePage />}>
          <Route index element={<Navigate to="accounts" replace />} />
          <Route path="accounts" element={<AccountsPanel />} />
          <Route path="feed" element={<LiveFeed />} />
          <Route path="audit" element={<TriageAuditPanel />} />
          <Route path="dead-letters" element={<DeadLettersPanel />} />
          <Route path="rules" element={<RulesPanel />} />
          <Route path="sandbox" element={<SandboxPanel />} />
          <Route path="settings" element={<TriageSettingsPanel />} />
          <Route path="users" element={<DashboardUsersPanel />} />
        </Route>
      </Route>
      <Route element={<RequireSignIn />}>
        <Route path="/change-password" element={<ForcedPasswordChangePage />} />
        <Route element={<AppShell />}>
          <Route index element={<Navigate to="/chat" replace />} />
          <Route path="chat" element={<ChatPage />}>
            <Route index element={<ChatHome />} />
            <Route path="invite/:code" element={<InvitePage />} />
            <Route path="bookmarks" element={<BookmarksPage />} />
            <Route path="dms/new/:userId" element={<NewDmRoute />} />
            <Route path="dms/:channelId" element={<DmRoute />} />
            <Route path="go/:channelId" element={<GoToChannel />} />
            <Route path="communities/:communityId" element={<CommunityHome />} />
            <Route path="communities/:communityId/settings" element={<CommunitySettings />} />
            <Route path="communities/:communityId/channels/:channelId" element={<CommunityChannelRoute />} />
          </Route>
          <Route path="tickets" element={<TicketsPage />}>
            <Route index element={<DeskList />} />
            <Route path=":deskId" element={<DeskPage />}>
              <Route index element={<TicketList />} />
              <Route path="dashboard" element={<Dashboard />} />
              <Route path="settings" element={<SettingsPage />} />
              <Route path=":ticketId" element={<TicketPage />} />
            </Route>
          </Route>
          <Route path="mail" element={<MailPage />}>
            <Route index element={<MailHome />} />
            <Route path="domains" element={<DomainsPage />} />
            <Route path="domains/:domainId" element={<DomainDetail />} />
            <Route path="inboxes/:inboxId" element={<MailboxPage />}>
              <Route index element={<MailboxHome />} />
              <Route path="compose" element={<ComposePage />} />
              <Route path="threads/:threadId" element={<ThreadView />} />
            </Route>
            <Route path="suppressions" element={<SuppressionsPage />} />
            <Route path="webhooks" element={<WebhooksPage />} />
          </Route>
          <Route path="account" element={<AccountPage />} />
          <Route path="admin" element={<RequireAdmin />}>
            <Route element={<AdminLayout />}>
              <Route index element={<Navigate to="users" replace />} />
              <Route path="users" element={<UsersPanel />} />
              <Route path="api-keys" element={<ApiKeysPanel />} />
              <Route path="audit" element={<AuditPanel />} />
            </Route>
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
