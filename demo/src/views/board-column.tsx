import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { Icon } from '../icons.js';
import { COLUMNS, type Card, type ColumnId } from '../workspace.js';

const DRAG_TYPE = 'application/x-tasklane-card';

function CardItem(props: { card: Card; onMove: (to: ColumnId) => void }): JSX.Element {
  const index = COLUMNS.findIndex((c) => c.id === props.card.column);
  const previous = COLUMNS[index - 1];
  const next = COLUMNS[index + 1];
  return (
    <li
      class="kanban-card"
      draggable
      onDragStart={(e) => {
        e.dataTransfer?.setData(DRAG_TYPE, props.card.id);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
      }}
    >
      <span class="kanban-card-title">{props.card.title}</span>
      {/* Buttons as well as drag and drop: moving a card must work by keyboard and touch. */}
      <span class="kanban-card-actions">
        {previous && (
          <button
            class="icon-button"
            type="button"
            aria-label={`Move “${props.card.title}” to ${previous.title}`}
            onClick={() => props.onMove(previous.id)}
          >
            <Icon name="left" />
          </button>
        )}
        {next && (
          <button
            class="icon-button"
            type="button"
            aria-label={`Move “${props.card.title}” to ${next.title}`}
            onClick={() => props.onMove(next.id)}
          >
            <Icon name="right" />
          </button>
        )}
      </span>
    </li>
  );
}

function AddCardForm({ onAdd }: { onAdd: (title: string) => void }): JSX.Element {
  const [title, setTitle] = useState('');
  const submit = (e: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (title.trim() === '') return;
    onAdd(title.trim());
    setTitle('');
  };
  return (
    <form class="add-card" onSubmit={submit}>
      <label class="visually-hidden" for="new-card-title">
        New card
      </label>
      <input
        id="new-card-title"
        value={title}
        maxLength={120}
        placeholder="What needs doing?"
        onInput={(e) => setTitle(e.currentTarget.value)}
      />
      <button class="button button-primary button-small" type="submit" data-tour="add-card">
        <Icon name="plus" /> Add card
      </button>
    </form>
  );
}

/**
 * One board column: its cards, a drop target for dragged cards and, for
 * "To do", the form that adds a card.
 *
 * @example
 * <BoardColumn column={COLUMNS[0]} cards={cards} onMove={move} onAdd={add} />
 */
export function BoardColumn(props: {
  column: (typeof COLUMNS)[number];
  cards: Card[];
  onMove: (cardId: string, to: ColumnId) => void;
  onAdd?: (title: string) => void;
}): JSX.Element {
  const [over, setOver] = useState(false);
  const { column, cards } = props;
  return (
    <section
      class={`kanban-column${over ? ' is-drop-target' : ''}`}
      aria-labelledby={`col-${column.id}`}
      onDragOver={(e) => {
        if (!e.dataTransfer?.types.includes(DRAG_TYPE)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const cardId = e.dataTransfer?.getData(DRAG_TYPE);
        if (cardId) props.onMove(cardId, column.id);
      }}
    >
      <header class="kanban-column-header">
        <h2 id={`col-${column.id}`}>{column.title}</h2>
        <span class="count" aria-label={`${cards.length} cards`}>
          {cards.length}
        </span>
      </header>
      {props.onAdd && <AddCardForm onAdd={props.onAdd} />}
      <ul class="kanban-cards">
        {cards.map((card) => (
          <CardItem card={card} key={card.id} onMove={(to) => props.onMove(card.id, to)} />
        ))}
      </ul>
      {cards.length === 0 && (
        <p class="kanban-empty">{column.id === 'todo' ? 'Add your first card above' : 'Drop cards here'}</p>
      )}
    </section>
  );
}
