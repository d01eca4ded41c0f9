using System.Text;

namespace SessionLab.Topology.LoadBalancing.Nginx;

/// <summary>nginx.conf text under construction: lines, comments and blocks, indented four spaces per level, LF line ends.</summary>
internal sealed class NginxConfigText
{
    private const string Indent = "    ";
    private readonly StringBuilder _text = new();
    private int _depth;

    public void Line(string line)
    {
        for (var i = 0; i < _depth; i++)
        {
            _text.Append(Indent);
        }

        // LF whatever the OS: the file is for nginx, and the committed Docker config is compared byte for byte.
        _text.Append(line).Append('\n');
    }

    public void Blank() => _text.Append('\n');

    public void Comment(params string[] lines)
    {
        foreach (var line in lines)
        {
            Line("# " + line);
        }
    }

    public void Open(string block)
    {
        Line(block + " {");
        _depth++;
    }

    public void Close()
    {
        _depth--;
        Line("}");
    }

    public override string ToString() => _text.ToString();
}
