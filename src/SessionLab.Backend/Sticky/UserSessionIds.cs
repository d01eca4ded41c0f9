namespace SessionLab.Backend.Sticky;

/// <summary>
/// The ids of one user's sessions in this process, oldest first; callers lock the instance. A single session (the
/// common case) costs no list. <see cref="Removed"/> marks an instance taken out of the table, so a login that fetched
/// it just before fetches a fresh one instead of adding to an orphan.
/// </summary>
internal sealed class UserSessionIds
{
    private string? _one;
    private List<string>? _many;

    public bool Removed { get; set; }

    public int Count => _many?.Count ?? (_one is null ? 0 : 1);

    public string Oldest => _many is { } many ? many[0] : _one ?? throw new InvalidOperationException("No session ids.");

    public void Add(string id)
    {
        if (_many is not null)
        {
            _many.Add(id);
        }
        else if (_one is null)
        {
            _one = id;
        }
        else
        {
            _many = [_one, id];
            _one = null;
        }
    }

    public void Remove(string id)
    {
        if (_many is not null)
        {
            _many.Remove(id);
        }
        else if (string.Equals(_one, id, StringComparison.Ordinal))
        {
            _one = null;
        }
    }

    public string[] ToArray() => _many is { } many ? [.. many] : _one is { } one ? [one] : [];

    public void Clear()
    {
        _one = null;
        _many = null;
    }
}
