import { Button, Container, EmptyState, Group, Loader, ScrollArea, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { Food } from '@contract/foods.ts';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { BarcodeScanModal } from '../../barcodes/BarcodeScanModal/BarcodeScanModal.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { DatasetsList } from '../DatasetsList/DatasetsList.tsx';
import { DeleteFoodModal } from '../DeleteFoodModal/DeleteFoodModal.tsx';
import { FoodDetailDrawer } from '../FoodDetail/FoodDetailDrawer.tsx';
import { FoodsImportModal } from '../FoodsImport/FoodsImportModal.tsx';
import { FoodEditorModal, type FoodEditing } from '../FoodEditorForm/FoodEditorModal.tsx';
import { LabelPhotoModal } from '../../labels/LabelPhotoModal/LabelPhotoModal.tsx';
import { useFoodSearch } from '../use-food-search.ts';
import { FoodHitList, FoodHitListSkeleton } from './FoodHitList.tsx';

function pastSentence(updatedPast: number): string {
  if (updatedPast === 0) return '';
  return ` ${updatedPast} past ${updatedPast === 1 ? 'entry was' : 'entries were'} updated.`;
}

/** The food database: search, details, custom foods, recipes, and imports of national tables. */
export function FoodsPage(): React.JSX.Element {
  const notify = useNotify();
  const [text, setText] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<FoodEditing>(null);
  const [deleting, setDeleting] = useState<Food | null>(null);
  const [importing, setImporting] = useState(false);
  const [fromLabel, setFromLabel] = useState(false);
  const [scanning, setScanning] = useState(false);
  const search = useFoodSearch(text, { limit: 50 });
  const hits = search.data;

  const saved = (food: Food, updatedPast: number, created: boolean): void => {
    setEditing(null);
    notify({ message: `${food.name} was ${created ? 'added' : 'saved'}.${pastSentence(updatedPast)}` });
    setSelectedId(food.id);
  };

  let body: React.JSX.Element;
  if (search.error) {
    body = <ErrorAlert title="Could not search the foods" error={search.error} onRetry={search.reload} />;
  } else if (search.searched === '') {
    body = (
      <EmptyState
        title="Search the food database"
        description="Type part of a food’s name, e.g. “banana” or “oat milk”. Custom foods, recipes and imported tables are searched too."
        data-testid="foods-search-prompt"
      />
    );
  } else if (!hits || (search.loading && hits.length === 0)) {
    body = <FoodHitListSkeleton />;
  } else if (hits.length === 0) {
    body = (
      <EmptyState
        title={`No food matches “${search.searched}”`}
        description="Try another spelling or a shorter word, or add it as a custom food."
        data-testid="foods-no-match"
      />
    );
  } else {
    body = (
      <ScrollArea.Autosize mah="60vh" type="auto" offsetScrollbars>
        <FoodHitList hits={hits} selectedId={selectedId} onSelect={(hit) => setSelectedId(hit.id)} />
      </ScrollArea.Autosize>
    );
  }

  return (
    <Container size="xl" px={0} data-testid="page-foods">
      <Stack gap="md">
        <Group justify="space-between">
          <Group gap="sm">
            <Title order={1} size="h2">
              Foods
            </Title>
            {search.loading && search.searched !== '' && <Loader size="xs" aria-label="Searching" />}
          </Group>
          <Group gap="xs">
            <Button onClick={() => setEditing({ kind: 'custom', food: null })} data-testid="custom-food-new">
              New custom food
            </Button>
            <Button variant="light" onClick={() => setFromLabel(true)} data-testid="label-photo-new">
              New food from a label photo
            </Button>
            <Button variant="light" onClick={() => setEditing({ kind: 'recipe', food: null })} data-testid="recipe-new">
              New recipe
            </Button>
            <Button variant="default" onClick={() => setScanning(true)} data-testid="foods-scan-barcode">
              Scan a barcode
            </Button>
            <Button variant="default" onClick={() => setImporting(true)} data-testid="foods-import">
              Import foods
            </Button>
          </Group>
        </Group>
        <TextInput
          label="Search foods"
          placeholder="e.g. banana, rolled oats, lentils"
          type="search"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          data-testid="foods-search"
        />
        {hits && hits.length > 0 && search.searched !== '' && (
          <Text size="xs" c="dimmed" role="status">
            {hits.length} {hits.length === 1 ? 'food' : 'foods'} shown. Choose one to see its nutrients and measures.
          </Text>
        )}
        {body}
        <DatasetsList />
      </Stack>
      <FoodDetailDrawer
        foodId={selectedId}
        onClose={() => setSelectedId(null)}
        onEdit={(food) => setEditing({ kind: food.source === 'recipe' ? 'recipe' : 'custom', food })}
        onDelete={setDeleting}
      />
      <FoodEditorModal
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={(s) => saved(s.food, s.updatedPast, !editing?.food)}
      />
      <DeleteFoodModal
        food={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(food) => {
          setDeleting(null);
          setSelectedId(null);
          notify({ message: `${food.name} was deleted.` });
        }}
      />
      <LabelPhotoModal
        opened={fromLabel}
        onClose={() => setFromLabel(false)}
        onSaved={(food) => {
          setFromLabel(false);
          saved(food, 0, true);
        }}
      />
      {/* The dialog shows the result itself (a notification here would cover its buttons). */}
      <FoodsImportModal opened={importing} onClose={() => setImporting(false)} />
      <BarcodeScanModal
        opened={scanning}
        onClose={() => setScanning(false)}
        onOpenFood={(id) => {
          setScanning(false);
          setSelectedId(id);
        }}
      />
    </Container>
  );
}
