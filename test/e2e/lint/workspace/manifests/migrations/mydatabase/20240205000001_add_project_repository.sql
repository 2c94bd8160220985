-- Add a column
ALTER TABLE projects ADD COLUMN repository TEXT;

-- Create index
CREATE INDEX idx_projects_repository ON projects (repository);
