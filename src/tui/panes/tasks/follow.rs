//! How the Tasks pane's list stays current as writes land: it notes the last journal
//! entry it has followed, and after a write (here, an undo, elsewhere) re-reads only the
//! tasks the journal says changed. A bulk change, a new day, or a change made outside the
//! journal (the book changed, the journal says nothing) reads the whole list again.

use chrono::NaiveDate;

use super::list::TaskList;
use crate::book::{Book, BookError};

impl TaskList {
    /// Reads every open task's key on `today`.
    pub fn read(book: &Book, today: NaiveDate) -> Result<TaskList, BookError> {
        // The journal's end first: a change landing while the keys are read is read again.
        let seen = book.last_journal_id()?;
        Ok(TaskList::new(book.open_task_index(today)?, today, seen))
    }

    /// The first `n` open tasks alone, `owner`'s when named, while the rest is read (see
    /// [`TaskList::is_partial`]).
    pub fn read_first(
        book: &Book,
        today: NaiveDate,
        owner: Option<&str>,
        n: usize,
    ) -> Result<TaskList, BookError> {
        let seen = book.last_journal_id()?;
        let index = book.open_task_index_first(today, owner, n)?;
        let mut list = TaskList::new(index, today, seen);
        list.partial = true;
        Ok(list)
    }

    /// Follows what the journal says changed since the list last looked, re-reading those
    /// tasks. `silent_is_news`: the book is known to have changed, so a journal with
    /// nothing new means a change made outside it, and the whole list is read again.
    pub fn follow(
        &mut self,
        book: &Book,
        today: NaiveDate,
        silent_is_news: bool,
    ) -> Result<(), BookError> {
        if today != self.today {
            return self.read_again(book, today);
        }
        let changes = book.task_changes_since(self.seen)?;
        let silent = changes.last == self.seen;
        if changes.all || (silent && silent_is_news) {
            return self.read_again(book, today);
        }
        if changes.is_empty() {
            self.seen = changes.last;
            return Ok(());
        }
        if !changes.accounts.is_empty() && !self.text().is_empty() {
            // An account renamed may now be named by the text, or no longer.
            let named = book.accounts_named(&self.text().to_lowercase())?;
            self.set_named(named);
        }
        let rows = book.open_tasks_among(&changes.tasks, &changes.accounts, today)?;
        self.reread(&changes.tasks, &changes.accounts, &rows);
        self.seen = changes.last;
        Ok(())
    }

    /// The whole list read again, keeping what narrows it and the selection.
    fn read_again(&mut self, book: &Book, today: NaiveDate) -> Result<(), BookError> {
        let seen = book.last_journal_id()?;
        let mut index = book.open_task_index(today)?;
        let titles = !self.text().is_empty();
        if titles {
            book.read_task_titles(&mut index, today)?;
            let named = book.accounts_named(&self.text().to_lowercase())?;
            self.set_named(named);
        }
        self.replace(index, today, seen, titles);
        Ok(())
    }

    /// Reads the titles of the tasks read with the list, once: for narrowing by text.
    pub fn read_titles(&mut self, book: &Book) -> Result<(), BookError> {
        if !self.titles_read {
            book.read_task_titles(&mut self.index, self.today)?;
            self.titles_read = true;
        }
        Ok(())
    }
}
