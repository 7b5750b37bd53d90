import type { TargetsView, TargetValue } from '@contract/targets.ts';
import { TargetsForm } from './TargetsForm.tsx';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';

interface TargetsFormModalProps {
  opened: boolean;
  view: TargetsView;
  targets: TargetValue[];
  onClose: () => void;
  onSaved: (view: TargetsView) => void;
}

export function TargetsFormModal({
  opened,
  view,
  targets,
  onClose,
  onSaved,
}: TargetsFormModalProps): React.JSX.Element {
  return (
    <AppModal opened={opened} onClose={onClose} title="Edit targets" size="xl">
      {opened && <TargetsForm view={view} targets={targets} onSaved={onSaved} onCancel={onClose} />}
    </AppModal>
  );
}
