import { useEffect } from 'react';
import { Navigate, Route, Routes, useNavigate } from 'react-router';
import { AthletePage } from '../athlete/AthletePage';
import { NeedsAttentionPage } from '../attention/NeedsAttentionPage';
import { SignInPage } from '../auth/SignInPage';
import { SignUpPage } from '../auth/SignUpPage';
import { GroupPage } from '../groups/GroupPage';
import { GroupsPage } from '../groups/GroupsPage';
import { InvitationsPage } from '../invitations/InvitationsPage';
import { onShellNavigate } from '../platform/bridge';
import { EditPlanPage, NewPlanPage } from '../plans/editor/PlanEditorPage';
import { PlansPage } from '../plans/PlansPage';
import { RosterPage } from '../roster/RosterPage';
import { SettingsPage } from '../settings/SettingsPage';
import { NotFoundPage } from './NotFoundPage';
import { SessionGate } from './SessionGate';

export function AppRoutes() {
  const navigate = useNavigate();
  // Notification clicks in the desktop shell open the athlete they are about.
  useEffect(() => onShellNavigate((route) => void navigate(route)), [navigate]);
  return (
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route path="/signup" element={<SignUpPage />} />
      {/* The desktop shell opens app://app/index.html. */}
      <Route path="/index.html" element={<Navigate to="/" replace />} />
      <Route element={<SessionGate />}>
        <Route index element={<RosterPage />} />
        <Route path="/athletes/:id" element={<AthletePage />} />
        <Route path="/plans" element={<PlansPage />} />
        <Route path="/plans/new" element={<NewPlanPage />} />
        <Route path="/plans/:id" element={<EditPlanPage />} />
        <Route path="/groups" element={<GroupsPage />} />
        <Route path="/groups/:id" element={<GroupPage />} />
        <Route path="/invitations" element={<InvitationsPage />} />
        <Route path="/settings" element={<SettingsPage />} />
        <Route path="/attention" element={<NeedsAttentionPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
