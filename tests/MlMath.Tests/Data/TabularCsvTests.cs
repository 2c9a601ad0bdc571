using System.IO.Compression;
using System.Text;
using MlMath.Data;

namespace MlMath.Tests.Data;

public sealed class TabularCsvTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlmath-csv-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string content)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Loads_a_well_formed_file_with_header()
    {
        var data = TabularCsv.Load(Write("ok.csv", "3,2,a,b\n1.5,-2e-3,0\n 3 ,4,1\n5,6,0\n\n"));
        data.Count.Should().Be(3);
        data.ClassNames.Should().Equal("a", "b");
        data.Features.Row(0).ToArray().Should().Equal(1.5, -0.002);
        data.Features.Row(1).ToArray().Should().Equal(3.0, 4.0);
        data.Labels.Should().Equal(0, 1, 0);
    }

    [Fact]
    public void Loads_gzip_and_headerless_files()
    {
        string path = Path.Combine(_folder, "small.csv.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.ASCII.GetBytes("1,2,3,2\n4,5,6,0\n"));
        }

        var data = TabularCsv.Load(path, hasHeader: false);
        data.FeatureCount.Should().Be(3);
        data.Labels.Should().Equal(2, 0);
        data.ClassNames.Should().Equal("0", "1", "2");
    }

    [Fact]
    public void Loads_from_a_stream()
    {
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes("1,1,x\n7,0\n"));
        var data = TabularCsv.Load(stream, "memory");
        data.Features[0, 0].Should().Be(7);
        data.ClassNames.Should().Equal("x");
    }

    [Fact]
    public void Row_with_a_missing_value_names_file_line_and_counts()
    {
        var lines = new[] { "6,4,setosa,versicolor,virginica" }
            .Concat(Enumerable.Repeat("5.1,3.5,1.4,0.2,0", 5))
            .Append("5.1,3.5,1.4,0")
            .ToArray();
        string path = Write("iris.csv", string.Join("\n", lines) + "\n");
        FluentActions.Invoking(() => TabularCsv.Load(path))
            .Should().Throw<InvalidDataException>().WithMessage("*iris.csv line 7: expected 5 values (4 features and a label), found 4");
    }

    [Fact]
    public void Non_numeric_value_is_reported_with_its_column()
    {
        string path = Write("bad-value.csv", "2,2,a\n1,2,0\n1,abc,0\n");
        FluentActions.Invoking(() => TabularCsv.Load(path))
            .Should().Throw<InvalidDataException>().WithMessage("*bad-value.csv line 3: value 'abc' in column 2 is not a finite number");
    }

    [Fact]
    public void Decimal_comma_and_non_finite_values_are_rejected()
    {
        FluentActions.Invoking(() => TabularCsv.Load(Write("nan.csv", "1,1,a\nNaN,0\n")))
            .Should().Throw<InvalidDataException>().WithMessage("*nan.csv line 2: value 'NaN' in column 1 is not a finite number");
        FluentActions.Invoking(() => TabularCsv.Load(Write("semi.csv", "1,1,a\n1;5,0\n")))
            .Should().Throw<InvalidDataException>().WithMessage("*semi.csv line 2: value '1;5'*");
    }

    [Fact]
    public void Label_that_is_not_an_integer_is_reported()
    {
        FluentActions.Invoking(() => TabularCsv.Load(Write("label.csv", "2,1,a,b\n1,0\n2,1.5\n")))
            .Should().Throw<InvalidDataException>().WithMessage("*label.csv line 3: label '1.5' in column 2 is not a non-negative integer");
        FluentActions.Invoking(() => TabularCsv.Load(Write("negative.csv", "1,1,a\n2,-1\n")))
            .Should().Throw<InvalidDataException>().WithMessage("*negative.csv line 2: label '-1'*");
    }

    [Fact]
    public void Label_without_a_class_name_is_reported()
    {
        FluentActions.Invoking(() => TabularCsv.Load(Write("range.csv", "2,1,a,b\n1,0\n2,2\n")))
            .Should().Throw<InvalidDataException>().WithMessage("*range.csv line 3: label 2 is out of range: the header names 2 classes (labels 0..1)");
    }

    [Fact]
    public void Header_row_count_mismatch_is_reported()
    {
        FluentActions.Invoking(() => TabularCsv.Load(Write("count.csv", "4,1,a\n1,0\n2,0\n3,0\n")))
            .Should().Throw<InvalidDataException>().WithMessage("*count.csv line 4: the header says 4 rows, but the file has 3 data rows");
    }

    [Fact]
    public void Malformed_or_missing_header_is_reported()
    {
        FluentActions.Invoking(() => TabularCsv.Load(Write("header.csv", "many,1,a\n1,0\n")))
            .Should().Throw<InvalidDataException>().WithMessage("*header.csv line 1: header n_rows 'many' is not a non-negative integer");
        FluentActions.Invoking(() => TabularCsv.Load(Write("short.csv", "5\n1,0\n")))
            .Should().Throw<InvalidDataException>().WithMessage("*short.csv line 1: the header must start with n_rows,n_features*");
        FluentActions.Invoking(() => TabularCsv.Load(Write("empty.csv", "")))
            .Should().Throw<InvalidDataException>().WithMessage("*empty.csv line 0: the file is empty*");
    }

    [Fact]
    public void Missing_file_throws_file_not_found()
    {
        FluentActions.Invoking(() => TabularCsv.Load(Path.Combine(_folder, "nope.csv")))
            .Should().Throw<FileNotFoundException>();
    }
}
