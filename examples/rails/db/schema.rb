ActiveRecord::Schema[7.1].define(version: 0) do
end
